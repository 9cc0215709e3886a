package io.isocore.agent.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.agent.testing.EnforcementFixture;
import io.isocore.agent.testing.FakeCgroupTree;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.enforce.UnallocatedIsolatedPolicy;
import io.isocore.core.profile.ProfileRules;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sibling an allocation holds idle ({@code spec.idleCpus}) is in no pool other pods or the probe
 * use: not the shared pool under either unallocated policy, not the unallocated idle CPUs the probe
 * measures, and it is published to the probe as held before any cpuset is written.
 */
class IdleSiblingsEnforcementTest {

  @TempDir Path dir;

  /** The fixture's lat pod with app on CPU 4 only and its sibling 5 held idle. */
  private static DesiredAllocation latWithIdleSibling(EnforcementFixture f) {
    DesiredAllocation lat = f.lat();
    List<DesiredContainer> containers = new ArrayList<>();
    for (DesiredContainer c : lat.containers()) {
      containers.add(
          c.exclusive()
              ? new DesiredContainer(
                  c.name(), c.containerId(), true, CpuSet.of(4), c.cpuWeight(), c.hugepages())
              : c);
    }
    return new DesiredAllocation(
        lat.key(),
        lat.generation(),
        lat.podUid(),
        lat.qos(),
        lat.numaNode(),
        containers,
        lat.podShare(),
        CpuSet.of(5));
  }

  private static DesiredNode node(DesiredAllocation a, UnallocatedIsolatedPolicy policy) {
    ProfileRules r = EnforcementFixture.rules();
    ProfileRules rules =
        new ProfileRules(
            r.reserved(),
            r.explicitIsolated(),
            r.smt(),
            r.numa(),
            policy,
            r.irqSteering(),
            r.probe(),
            r.quarantineNanos());
    return new DesiredNode(EnforcementFixture.cpus(), Optional.of(rules), List.of(a));
  }

  @Test
  void underSharedTheIdleSiblingStaysOutOfTheSharedPool() {
    EnforcementFixture f = new EnforcementFixture(dir, FakeCgroupTree.Layout.all().getFirst());
    EnforcementReport report =
        f.enforcer().reconcile(node(latWithIdleSibling(f), UnallocatedIsolatedPolicy.SHARED));
    assertThat(report.pools().exclusive()).isEqualTo(CpuSet.of(4));
    assertThat(report.pools().idleSiblings()).isEqualTo(CpuSet.of(5));
    assertThat(report.pools().shared()).isEqualTo(CpuSet.parse("0-3,6-7"));
    AllocationResult.Applied applied =
        (AllocationResult.Applied) report.result("team-a/lat").orElseThrow();
    assertThat(applied.containers())
        .extracting(c -> c.name() + " " + c.cpusEffective())
        .containsExactly("app 4", "side 0-3,6-7");
  }

  @Test
  void underIdleTheIdleSiblingIsNotAnUnallocatedCpuTheProbeMeasures() {
    EnforcementFixture f = new EnforcementFixture(dir, FakeCgroupTree.Layout.all().getFirst());
    EnforcementReport report =
        f.enforcer().reconcile(node(latWithIdleSibling(f), UnallocatedIsolatedPolicy.IDLE));
    assertThat(report.pools().idle()).isEqualTo(CpuSet.parse("6-7"));
    assertThat(report.pools().shared()).isEqualTo(CpuSet.parse("0-3"));
    assertThat(report.pools().idleSiblings()).isEqualTo(CpuSet.of(5));
  }

  @Test
  void theProbeIsToldTheIdleSiblingIsHeld() {
    EnforcementFixture f = new EnforcementFixture(dir, FakeCgroupTree.Layout.all().getFirst());
    DesiredNode node = node(latWithIdleSibling(f), UnallocatedIsolatedPolicy.IDLE);
    assertThat(node.requestedExclusive()).isEqualTo(CpuSet.of(4));
    assertThat(node.requestedHeld()).isEqualTo(CpuSet.parse("4-5"));
    EnforcementProbeFeed feed = new EnforcementProbeFeed();
    List<String> calls = new ArrayList<>();
    feed.addListener(() -> calls.add(feed.held().toListString()));
    feed.beforeEnforce(node.requestedHeld());
    assertThat(feed.held()).isEqualTo(CpuSet.parse("4-5"));
    assertThat(calls).containsExactly("4-5");
  }
}
