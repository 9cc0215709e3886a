package io.isocore.agent.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.agent.cgroup.CgroupVersion;
import io.isocore.agent.testing.EnforcementFixture;
import io.isocore.agent.testing.FakeCgroupTree;
import io.isocore.core.enforce.ShareWeighting;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pod share weighting on every cgroup layout: the pod cgroup of a latency pod gets the kubelet's
 * value (1000m requested: v1 1024 shares, v2 weight 39) times tickets / 100; a kubelet rewrite is
 * repaired as drift; the kubelet's value comes back when the pod leaves or the mode is off.
 */
class PodWeightsTest {

  @TempDir Path dir;

  static List<FakeCgroupTree.Layout> layouts() {
    return FakeCgroupTree.Layout.all();
  }

  private static boolean v1(FakeCgroupTree.Layout layout) {
    return layout.version() == CgroupVersion.V1;
  }

  private static String file(FakeCgroupTree.Layout layout) {
    return v1(layout) ? "cpu.shares" : "cpu.weight";
  }

  private static DesiredAllocation withShare(DesiredAllocation a, PodShare share) {
    return new DesiredAllocation(
        a.key(),
        a.generation(),
        a.podUid(),
        a.qos(),
        a.numaNode(),
        a.containers(),
        Optional.of(share));
  }

  private static DesiredNode node(ShareWeighting mode, DesiredAllocation... allocations) {
    return new DesiredNode(
        EnforcementFixture.cpus(),
        Optional.of(EnforcementFixture.rules()),
        List.of(allocations),
        mode);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layouts")
  void podModeScalesTheKubeletsPodValueByTickets(FakeCgroupTree.Layout layout) {
    EnforcementFixture f = new EnforcementFixture(dir, layout);
    DesiredAllocation lat = withShare(f.lat(), new PodShare(1000, 300, 0, 0));

    EnforcementReport report = f.enforcer().reconcile(node(ShareWeighting.POD, lat));

    assertThat(report.result("team-a/lat").orElseThrow())
        .isInstanceOf(AllocationResult.Applied.class);
    assertThat(f.tree.readCpu(f.latPod, file(layout))).isEqualTo(v1(layout) ? "3072" : "117");
    // The container weights are written as in Container mode.
    assertThat(f.tree.readCpu(f.side, file(layout))).isEqualTo(v1(layout) ? "3072" : "300");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layouts")
  void containerModeLeavesThePodCgroupAlone(FakeCgroupTree.Layout layout) {
    EnforcementFixture f = new EnforcementFixture(dir, layout);
    DesiredAllocation lat = withShare(f.lat(), new PodShare(1000, 300, 0, 0));

    f.enforcer().reconcile(node(ShareWeighting.CONTAINER, lat));

    assertThat(f.tree.readCpu(f.latPod, file(layout))).isEqualTo(v1(layout) ? "1024" : "100");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layouts")
  void aKubeletRewriteIsRepairedAndReportedAsDrift(FakeCgroupTree.Layout layout) throws Exception {
    EnforcementFixture f = new EnforcementFixture(dir, layout);
    DesiredAllocation lat = withShare(f.lat(), new PodShare(1000, 300, 0, 0));
    AllocationEnforcer enforcer = f.enforcer();
    enforcer.reconcile(node(ShareWeighting.POD, lat));
    EnforcementReport steady = enforcer.reconcile(node(ShareWeighting.POD, lat));
    assertThat(steady.writes()).isZero();

    f.tree.adapter().writeCpuWeight(f.latPod, v1(layout) ? 2048 : 79); // an in-place resize
    EnforcementReport report = enforcer.reconcile(node(ShareWeighting.POD, lat));

    assertThat(f.tree.readCpu(f.latPod, file(layout))).isEqualTo(v1(layout) ? "3072" : "117");
    assertThat(report.driftedCgroups()).containsExactly(f.latPod);
    AllocationResult.Applied applied =
        (AllocationResult.Applied) report.result("team-a/lat").orElseThrow();
    assertThat(applied.driftRepaired()).containsExactly(f.latPod);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layouts")
  void theKubeletsValueComesBackWhenThePodLeavesOrTheModeIsOff(FakeCgroupTree.Layout layout) {
    EnforcementFixture f = new EnforcementFixture(dir, layout);
    DesiredAllocation lat = withShare(f.lat(), new PodShare(1000, 300, 0, 0));
    AllocationEnforcer enforcer = f.enforcer();
    String kubelet = v1(layout) ? "1024" : "39";

    enforcer.reconcile(node(ShareWeighting.POD, lat));
    enforcer.reconcile(node(ShareWeighting.CONTAINER, lat));
    assertThat(f.tree.readCpu(f.latPod, file(layout))).isEqualTo(kubelet);

    enforcer.reconcile(node(ShareWeighting.POD, lat));
    assertThat(f.tree.readCpu(f.latPod, file(layout))).isEqualTo(v1(layout) ? "3072" : "117");
    enforcer.reconcile(node(ShareWeighting.POD));
    assertThat(f.tree.readCpu(f.latPod, file(layout))).isEqualTo(kubelet);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layouts")
  void lentTicketsMoveWeightFromTheLenderToTheTarget(FakeCgroupTree.Layout layout) {
    EnforcementFixture f = new EnforcementFixture(dir, layout);
    // lat receives 200 tickets on top of its tenant's 100.
    DesiredAllocation lat = withShare(f.lat(), new PodShare(1000, 300, 0, 200));

    f.enforcer().reconcile(node(ShareWeighting.POD, lat));

    assertThat(f.tree.readCpu(f.latPod, file(layout))).isEqualTo(v1(layout) ? "3072" : "117");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layouts")
  void ticketsThatWouldLeaveTheKernelsRangeChangeNoWeight(FakeCgroupTree.Layout layout)
      throws Exception {
    EnforcementFixture f = new EnforcementFixture(dir, layout);
    DesiredAllocation ok = withShare(f.lat(), new PodShare(1000, 100, 0, 0));
    AllocationEnforcer enforcer = f.enforcer();
    enforcer.reconcile(node(ShareWeighting.CONTAINER, ok));
    f.tree.adapter().writeCpuWeight(f.side, v1(layout) ? 1024 : 100); // a known container weight
    DesiredAllocation lat = withShare(f.lat(), new PodShare(4000, 1_000_000, 0, 0));

    EnforcementReport report = enforcer.reconcile(node(ShareWeighting.POD, lat));

    AllocationResult.Failed failed =
        (AllocationResult.Failed) report.result("team-a/lat").orElseThrow();
    assertThat(failed.reason())
        .startsWith("pod weight refused, no weight of this pod changed: " + file(layout))
        .contains("is above the kernel's maximum")
        .contains("spec.tickets")
        .contains("spec.ticketTransfer.tickets");
    assertThat(f.tree.readCpu(f.latPod, file(layout))).isEqualTo(v1(layout) ? "1024" : "100");
    assertThat(f.tree.readCpu(f.side, file(layout))).isEqualTo(v1(layout) ? "1024" : "100");
    // Its cores stay granted: the exclusive container keeps them.
    assertThat(f.tree.read(f.app, "cpuset.cpus")).isEqualTo("4-5");
  }
}
