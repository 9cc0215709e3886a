package io.isocore.agent.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.agent.cgroup.CgroupVersion;
import io.isocore.agent.testing.EnforcementFixture;
import io.isocore.agent.testing.FakeCgroupTree;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.enforce.CgroupTree;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Apply, release, drift repair and restart on every cgroup layout, with exact file contents. */
class AllocationEnforcerTest {

  @TempDir Path dir;

  static List<FakeCgroupTree.Layout> layouts() {
    return FakeCgroupTree.Layout.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layouts")
  void applyGivesTheExclusiveContainerItsCpusAndEveryOtherContainerTheSharedPool(
      FakeCgroupTree.Layout layout) throws Exception {
    EnforcementFixture f = new EnforcementFixture(dir, layout);
    FakeCgroupTree t = f.tree;

    EnforcementReport report = f.enforcer().reconcile(EnforcementFixture.node(f.lat()));

    AllocationResult.Applied applied =
        (AllocationResult.Applied) report.result("team-a/lat").orElseThrow();
    assertThat(applied.adopted()).isFalse();
    assertThat(applied.containers())
        .extracting(
            c ->
                c.name()
                    + " "
                    + c.cpusEffective()
                    + " "
                    + c.memsEffective()
                    + " "
                    + c.threads()
                    + " "
                    + c.threadsOffCpus())
        .containsExactly("app 4-5 1 2 0", "side 0-3 0-1 2 0");
    assertThat(report.pools().shared()).isEqualTo(CpuSet.parse("0-3"));
    if (layout.version() == CgroupVersion.V1) {
      assertThat(report.warnings())
          .containsExactly(
              "isolated cpuset partitions unavailable: cgroup v1 has no cpuset.cpus.partition:"
                  + " exclusive CPUs stay in scheduler load balancing unless the kernel isolates"
                  + " them (isolcpus) or the node moves to cgroup v2");
    } else {
      assertThat(report.warnings()).isEmpty();
    }
    assertThat(report.pools().idle()).isEqualTo(CpuSet.parse("6-7"));
    String burstable = CgroupTree.parentOf(f.latPod);
    String besteffort = CgroupTree.parentOf(CgroupTree.parentOf(f.web));
    assertThat(
            cpusets(
                t,
                t.kubepods(),
                burstable,
                f.latPod,
                f.app,
                f.side,
                besteffort,
                f.web,
                f.db,
                CgroupTree.parentOf(f.db)))
        .containsExactly(
            "0-5/0-1", "0-5/0-1", "0-5/0-1", "4-5/1", "0-3/0-1", "0-3/0-1", "0-3/0-1", "0-3/0-1",
            "0-3/0-1");
    String system = layout.driver().name().equals("SYSTEMD") ? "system.slice" : "system";
    assertThat(t.read(system, "cpuset.cpus")).isEqualTo("0-7");
    boolean v1 = layout.version() == CgroupVersion.V1;
    assertThat(t.readCpu(f.side, v1 ? "cpu.shares" : "cpu.weight")).isEqualTo(v1 ? "3072" : "300");
    assertThat(t.readCpu(f.app, v1 ? "cpu.shares" : "cpu.weight")).isEqualTo(v1 ? "1024" : "100");
    assertThat(t.readHugetlb(f.app, v1 ? "hugetlb.2MB.limit_in_bytes" : "hugetlb.2MB.max"))
        .isEqualTo("4194304");
    assertThat(t.threadAffinities(f.app)).containsExactly("4-5", "4-5");
    assertThat(t.threadAffinities(f.web)).containsExactly("0-3", "0-3", "0-3", "0-3");
    assertThat(t.read(f.app, v1 ? "cpuset.effective_cpus" : "cpuset.cpus.effective"))
        .isEqualTo("4-5");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layouts")
  void releaseReturnsTheCpusAndAnIdleIsolatedCpuLeavesKubepods(FakeCgroupTree.Layout layout)
      throws Exception {
    EnforcementFixture f = new EnforcementFixture(dir, layout);
    AllocationEnforcer enforcer = f.enforcer();
    enforcer.reconcile(EnforcementFixture.node(f.lat()));

    EnforcementReport report = enforcer.reconcile(EnforcementFixture.node());

    assertThat(report.results()).isEmpty();
    FakeCgroupTree t = f.tree;
    assertThat(cpusets(t, t.kubepods(), f.latPod, f.app, f.side, f.web, f.db))
        .containsOnly("0-3/0-1");
    assertThat(t.threadAffinities(f.app)).containsExactly("0-3", "0-3");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layouts")
  void driftIsRepairedWithOneWriteAndReported(FakeCgroupTree.Layout layout) throws Exception {
    EnforcementFixture f = new EnforcementFixture(dir, layout);
    AllocationEnforcer enforcer = f.enforcer();
    enforcer.reconcile(EnforcementFixture.node(f.lat()));
    f.tree.rewriteCpus(f.app, "0-5"); // a runtime update, valid under the pod's 0-5 on v1 too
    f.kernel.syncEffective(f.app);
    Map<String, String> repaired = f.tree.snapshot();

    EnforcementReport report = enforcer.reconcile(EnforcementFixture.node(f.lat()));

    AllocationResult.Applied applied =
        (AllocationResult.Applied) report.result("team-a/lat").orElseThrow();
    assertThat(applied.driftRepaired()).containsExactly(f.app);
    assertThat(applied.writes()).isEqualTo(1);
    assertThat(report.writes()).isEqualTo(1);
    assertThat(report.driftedCgroups()).containsExactly(f.app);
    assertThat(f.tree.read(f.app, "cpuset.cpus")).isEqualTo("4-5");
    assertThat(f.tree.threadAffinities(f.app)).containsExactly("4-5", "4-5");
    String appDir = f.tree.cgroupRoot().relativize(f.tree.adapter().cpusetDir(f.app)).toString();
    assertThat(diff(repaired, f.tree.snapshot()))
        .isNotEmpty()
        .allMatch(k -> k.startsWith(appDir + "/"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layouts")
  void aRestartedAgentAdoptsWhatIsInPlaceWithoutWriting(FakeCgroupTree.Layout layout)
      throws Exception {
    EnforcementFixture f = new EnforcementFixture(dir, layout);
    f.enforcer().reconcile(EnforcementFixture.node(f.lat()));
    Map<String, String> before = f.tree.snapshot();
    long writesBefore = f.kernel.writes();

    AllocationEnforcer restarted = f.enforcer();
    EnforcementReport report = restarted.reconcile(EnforcementFixture.node(f.lat()));

    AllocationResult.Applied applied =
        (AllocationResult.Applied) report.result("team-a/lat").orElseThrow();
    assertThat(applied.adopted()).isTrue();
    assertThat(applied.driftRepaired()).isEmpty();
    assertThat(report.writes()).isZero();
    assertThat(f.kernel.writes()).isEqualTo(writesBefore);
    assertThat(f.tree.snapshot()).isEqualTo(before);

    EnforcementReport again = restarted.reconcile(EnforcementFixture.node(f.lat()));
    assertThat(again.writes()).isZero();
    assertThat(((AllocationResult.Applied) again.result("team-a/lat").orElseThrow()).adopted())
        .isFalse();
  }

  private static List<String> cpusets(FakeCgroupTree t, String... cgroups) {
    return java.util.Arrays.stream(cgroups)
        .map(c -> t.read(c, "cpuset.cpus") + "/" + t.read(c, "cpuset.mems"))
        .toList();
  }

  private static List<String> diff(Map<String, String> a, Map<String, String> b) {
    return b.keySet().stream().filter(k -> !b.get(k).equals(a.get(k))).toList();
  }
}
