package io.isocore.agent.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.agent.cgroup.QosClass;
import io.isocore.agent.testing.EnforcementFixture;
import io.isocore.agent.testing.FakeCgroupTree;
import io.isocore.core.cpu.CpuSet;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input: each fails its allocation with the reason and changes nothing else. */
class EnforcementFailureTest {

  @TempDir Path dir;

  static List<FakeCgroupTree.Layout> layouts() {
    return FakeCgroupTree.Layout.all();
  }

  private static DesiredAllocation exclusive(
      EnforcementFixture f, String key, String uid, String id, String cpus, int numa) {
    return new DesiredAllocation(
        key,
        3,
        uid,
        Optional.of(QosClass.GUARANTEED),
        numa,
        List.of(
            new DesiredContainer(
                "main",
                Optional.of(f.tree.containerId(id)),
                true,
                CpuSet.parse(cpus),
                OptionalInt.empty(),
                List.of())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layouts")
  void anAllocationNamingCpusTheNodeDoesNotHaveFailsAndChangesNothing(
      FakeCgroupTree.Layout layout) {
    EnforcementFixture f = new EnforcementFixture(dir, layout);
    f.tree.addContainer(EnforcementFixture.LAT2_UID, QosClass.GUARANTEED, "big0001", 1);
    AllocationEnforcer enforcer = f.enforcer();
    enforcer.reconcile(EnforcementFixture.node(f.lat())); // the pod runs on the shared pool
    Map<String, String> before = f.tree.snapshot();

    EnforcementReport report =
        enforcer.reconcile(
            EnforcementFixture.node(
                f.lat(),
                exclusive(f, "team-b/big", EnforcementFixture.LAT2_UID, "big0001", "6-9", 1)));

    assertThat(report.result("team-b/big").orElseThrow())
        .isInstanceOfSatisfying(
            AllocationResult.Failed.class,
            r ->
                assertThat(r.reason())
                    .isEqualTo(
                        "CPUs 8-9 are not online on this node (online: 0-7); the allocation names CPUs the node does not have"));
    assertThat(report.result("team-a/lat").orElseThrow())
        .isInstanceOf(AllocationResult.Applied.class);
    assertThat(report.writes()).isZero();
    assertThat(f.tree.snapshot()).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layouts")
  void aContainerCgroupThatVanishesMidWriteFailsOnlyItsAllocation(FakeCgroupTree.Layout layout) {
    EnforcementFixture f = new EnforcementFixture(dir, layout);
    String gone =
        f.tree.addContainer(EnforcementFixture.LAT2_UID, QosClass.GUARANTEED, "gone0001", 1);
    f.kernel.beforeFirstWriteTo(gone, f.tree::removeCgroup);

    EnforcementReport report =
        f.enforcer()
            .reconcile(
                EnforcementFixture.node(
                    f.lat(),
                    exclusive(f, "team-b/gone", EnforcementFixture.LAT2_UID, "gone0001", "6", 1)));

    assertThat(report.result("team-b/gone").orElseThrow())
        .isInstanceOfSatisfying(
            AllocationResult.Failed.class,
            r ->
                assertThat(r.reason())
                    .startsWith(
                        "container main cgroup vanished while being written: writing '6' to ")
                    .endsWith(
                        "cpuset.cpus failed: no such file (the cgroup is gone or the controller is not enabled)"));
    assertThat(report.result("team-a/lat").orElseThrow())
        .isInstanceOf(AllocationResult.Applied.class);
    assertThat(f.tree.read(f.app, "cpuset.cpus")).isEqualTo("4-5");
    assertThat(f.tree.read(f.web, "cpuset.cpus")).isEqualTo("0-3");
    assertThat(f.tree.read(f.db, "cpuset.cpus")).isEqualTo("0-3");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layouts")
  void aReadOnlyCgroupfsFailsWithTheReasonAndChangesNothing(FakeCgroupTree.Layout layout) {
    EnforcementFixture f = new EnforcementFixture(dir, layout);
    f.kernel.readOnly();
    Map<String, String> before = f.tree.snapshot();

    EnforcementReport report = f.enforcer().reconcile(EnforcementFixture.node(f.lat()));

    assertThat(report.result("team-a/lat").orElseThrow())
        .isInstanceOfSatisfying(
            AllocationResult.Failed.class,
            r ->
                assertThat(r.reason())
                    .contains("failed: Read-only file system")
                    .endsWith("the remaining writes of this pass were not made"));
    assertThat(report.writes()).isZero();
    assertThat(f.tree.snapshot()).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layouts")
  void aContainerNotThereYetWaitsWithoutHoldingUpTheOthersAndKeepsItsCpusFree(
      FakeCgroupTree.Layout layout) {
    EnforcementFixture f = new EnforcementFixture(dir, layout);
    DesiredAllocation early =
        new DesiredAllocation(
            "team-b/early",
            1,
            EnforcementFixture.LAT2_UID,
            Optional.empty(),
            0,
            List.of(
                new DesiredContainer(
                    "main", Optional.empty(), true, CpuSet.of(3), OptionalInt.empty(), List.of())));

    EnforcementReport report = f.enforcer().reconcile(EnforcementFixture.node(early, f.lat()));

    assertThat(report.result("team-b/early").orElseThrow())
        .isInstanceOfSatisfying(
            AllocationResult.Waiting.class,
            r -> assertThat(r.reason()).startsWith("containers [main] have no cgroup yet"));
    assertThat(report.result("team-a/lat").orElseThrow())
        .isInstanceOf(AllocationResult.Applied.class);
    assertThat(f.tree.read(f.web, "cpuset.cpus")).isEqualTo("0-2");
    assertThat(f.tree.read(f.side, "cpuset.cpus")).isEqualTo("0-2");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layouts")
  void tooFewFreeHugepagesOnTheNumaNodeFailsTheAllocation(FakeCgroupTree.Layout layout) {
    EnforcementFixture f = new EnforcementFixture(dir, layout);
    f.tree.setFreeHugepages(1, io.isocore.core.topology.HugepageSize.TWO_MI, 1);

    EnforcementReport report = f.enforcer().reconcile(EnforcementFixture.node(f.lat()));

    assertThat(report.result("team-a/lat").orElseThrow())
        .isInstanceOfSatisfying(
            AllocationResult.Failed.class,
            r ->
                assertThat(r.reason())
                    .isEqualTo(
                        "NUMA node 1 has 2097152 bytes of free 2Mi hugepages and container app uses 0; it needs 4194304"));
  }
}
