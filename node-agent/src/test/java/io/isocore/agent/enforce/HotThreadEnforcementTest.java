package io.isocore.agent.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.agent.testing.EnforcementFixture;
import io.isocore.agent.testing.FakeCgroupTree;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hot thread alone ({@link HotThreads}): the named exclusive container's cpuset is its
 * exclusive CPUs plus the shared pool, on every layout; nobody else gets its exclusive CPUs.
 */
class HotThreadEnforcementTest {

  @TempDir Path dir;

  static List<FakeCgroupTree.Layout> layouts() {
    return FakeCgroupTree.Layout.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layouts")
  void theHotThreadContainerGetsItsCpusPlusTheSharedPool(FakeCgroupTree.Layout layout)
      throws Exception {
    EnforcementFixture f = new EnforcementFixture(dir, layout);
    AllocationEnforcer enforcer = f.enforcer();
    enforcer.hotThreads(key -> key.equals("team-a/lat") ? Optional.of("app") : Optional.empty());

    EnforcementReport report = enforcer.reconcile(EnforcementFixture.node(f.lat()));

    AllocationResult.Applied applied =
        (AllocationResult.Applied) report.result("team-a/lat").orElseThrow();
    assertThat(applied.containers())
        .extracting(c -> c.name() + " " + c.cpusEffective() + " " + c.threadsOffCpus())
        .containsExactly("app 0-5 0", "side 0-3 0");
    assertThat(report.pools().shared().toListString()).isEqualTo("0-3");
    assertThat(f.tree.read(f.app, "cpuset.cpus")).isEqualTo("0-5");
    for (String other : List.of(f.side, f.web, f.db)) {
      assertThat(f.tree.read(other, "cpuset.cpus")).as(other).isEqualTo("0-3");
    }
    // A pod naming a container that is not exclusive changes nothing.
    EnforcementFixture g = new EnforcementFixture(dir.resolve("g"), layout);
    AllocationEnforcer other = g.enforcer();
    other.hotThreads(key -> Optional.of("side"));
    other.reconcile(EnforcementFixture.node(g.lat()));
    assertThat(g.tree.read(g.app, "cpuset.cpus")).isEqualTo("4-5");
    assertThat(g.tree.read(g.side, "cpuset.cpus")).isEqualTo("0-3");
  }
}
