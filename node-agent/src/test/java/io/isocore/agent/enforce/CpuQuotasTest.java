package io.isocore.agent.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.agent.cgroup.CgroupVersion;
import io.isocore.agent.testing.EnforcementFixture;
import io.isocore.agent.testing.FakeCgroupTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The kubelet's CFS quota on every cgroup layout: lifted on an exclusive container and its pod
 * cgroup (a quota there throttles a hot thread on a CPU nobody else may use), kept on shared
 * containers, repaired as drift after a kubelet rewrite, and given back when the allocation ends.
 */
class CpuQuotasTest {

  @TempDir Path dir;

  static List<FakeCgroupTree.Layout> layouts() {
    return FakeCgroupTree.Layout.all();
  }

  /** Writes the quota as the kubelet does: v1 cpu.cfs_quota_us, v2 cpu.max with its period. */
  private static void kubeletQuota(FakeCgroupTree tree, String cgroup, long micros)
      throws IOException {
    boolean v1 = tree.adapter().version() == CgroupVersion.V1;
    Path base =
        v1 ? tree.cgroupRoot().resolve("cpu").resolve(cgroup) : tree.adapter().cpusetDir(cgroup);
    Files.writeString(
        base.resolve(v1 ? "cpu.cfs_quota_us" : "cpu.max"),
        v1 ? micros + "\n" : micros + " 100000\n");
  }

  private static String quota(FakeCgroupTree tree, String cgroup) {
    boolean v1 = tree.adapter().version() == CgroupVersion.V1;
    return tree.readCpu(cgroup, v1 ? "cpu.cfs_quota_us" : "cpu.max");
  }

  private static String unlimited(FakeCgroupTree tree) {
    return tree.adapter().version() == CgroupVersion.V1 ? "-1" : "max";
  }

  private EnforcementFixture withKubeletQuotas(FakeCgroupTree.Layout layout) throws IOException {
    EnforcementFixture f = new EnforcementFixture(dir, layout);
    kubeletQuota(f.tree, f.latPod, 300_000); // app 2 CPUs + side 1 CPU
    kubeletQuota(f.tree, f.app, 200_000);
    kubeletQuota(f.tree, f.side, 100_000);
    return f;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layouts")
  void theExclusiveContainerAndItsPodLoseTheirQuotaSharedContainersKeepTheirs(
      FakeCgroupTree.Layout layout) throws Exception {
    EnforcementFixture f = withKubeletQuotas(layout);

    EnforcementReport report = f.enforcer().reconcile(EnforcementFixture.node(f.lat()));

    assertThat(report.result("team-a/lat").orElseThrow())
        .isInstanceOf(AllocationResult.Applied.class);
    assertThat(quota(f.tree, f.app)).isEqualTo(unlimited(f.tree));
    assertThat(quota(f.tree, f.latPod)).isEqualTo(unlimited(f.tree));
    boolean v1 = layout.version() == CgroupVersion.V1;
    assertThat(quota(f.tree, f.side)).isEqualTo(v1 ? "100000" : "100000 100000");
    assertThat(f.tree.adapter().cpuQuotaMicros(f.app)).hasValue(-1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layouts")
  void aKubeletRewriteIsLiftedAgainAndReportedAsDrift(FakeCgroupTree.Layout layout)
      throws IOException {
    EnforcementFixture f = withKubeletQuotas(layout);
    AllocationEnforcer enforcer = f.enforcer();
    enforcer.reconcile(EnforcementFixture.node(f.lat()));
    EnforcementReport steady = enforcer.reconcile(EnforcementFixture.node(f.lat()));
    assertThat(steady.writes()).isZero();

    kubeletQuota(f.tree, f.app, 200_000); // the kubelet updates the container (a resize)
    EnforcementReport report = enforcer.reconcile(EnforcementFixture.node(f.lat()));

    assertThat(quota(f.tree, f.app)).isEqualTo(unlimited(f.tree));
    assertThat(report.driftedCgroups()).contains(f.app);
    AllocationResult.Applied applied =
        (AllocationResult.Applied) report.result("team-a/lat").orElseThrow();
    assertThat(applied.driftRepaired()).contains(f.app);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layouts")
  void theKubeletsQuotaComesBackWhenTheAllocationEnds(FakeCgroupTree.Layout layout)
      throws Exception {
    EnforcementFixture f = withKubeletQuotas(layout);
    AllocationEnforcer enforcer = f.enforcer();
    enforcer.reconcile(EnforcementFixture.node(f.lat()));

    enforcer.reconcile(EnforcementFixture.node());

    assertThat(f.tree.adapter().cpuQuotaMicros(f.app)).hasValue(200_000);
    assertThat(f.tree.adapter().cpuQuotaMicros(f.latPod)).hasValue(300_000);
    assertThat(f.tree.adapter().cpuQuotaMicros(f.side)).hasValue(100_000);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layouts")
  void noQuotaFileMeansNothingToLift(FakeCgroupTree.Layout layout) {
    EnforcementFixture f = new EnforcementFixture(dir, layout);

    EnforcementReport report = f.enforcer().reconcile(EnforcementFixture.node(f.lat()));

    assertThat(report.result("team-a/lat").orElseThrow())
        .isInstanceOf(AllocationResult.Applied.class);
  }
}
