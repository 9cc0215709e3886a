package io.isocore.agent.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.isocore.agent.cgroup.CgroupDriver;
import io.isocore.agent.cgroup.CgroupVersion;
import io.isocore.agent.profile.NodeProfile;
import io.isocore.agent.testing.EnforcementFixture;
import io.isocore.agent.testing.FakeCgroupTree;
import io.isocore.agent.testing.NodeApiFixture;
import io.isocore.api.v1alpha1.ContainerAllocation;
import io.isocore.api.v1alpha1.ContainerAllocation.CpuMode;
import io.isocore.api.v1alpha1.CoreAllocation;
import io.isocore.api.v1alpha1.CoreAllocationSpec;
import io.isocore.api.v1alpha1.CoreAllocationStatus;
import io.isocore.api.v1alpha1.IsolationProfile;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An exclusive CPU that is another allocation's idle sibling, or an idle sibling that is another's
 * exclusive CPU, is refused on the node (the later allocation {@code Rejected}, an Event on it and
 * its pod), through the reconciler on the mock server (CRUD) into a fixture cgroup tree.
 */
@EnableKubernetesMockClient(crud = true)
class IdleSiblingRejectionTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-01T23:00:00Z"), ZoneOffset.UTC);

  KubernetesClient client;

  @TempDir Path dir;

  private EnforcementFixture f;
  private String uid;
  private CoreAllocationReconciler reconciler;

  @BeforeEach
  void node() {
    NodeApiFixture.createNode(client);
    client
        .resources(IsolationProfile.class)
        .resource(NodeApiFixture.profile("low-latency", "0-1", null, null))
        .create();
    uid = NodeApiFixture.createLatPod(client).getMetadata().getUid();
    f =
        new EnforcementFixture(
            dir,
            new FakeCgroupTree.Layout(CgroupVersion.V2, CgroupDriver.SYSTEMD, "containerd"),
            uid);
    Pod withIds = client.pods().inNamespace("team-a").withName("lat").get();
    withIds.setStatus(f.latRunning());
    client.pods().resource(withIds).updateStatus();
    reconciler = f.reconciler(client, new NodeProfile(), CLOCK);
  }

  /** Allocation {@code name} for pod {@code pod}: one exclusive container and one shared. */
  private void allocation(String name, String pod, String podUid, String exclusive, String idle) {
    CoreAllocation ca = new CoreAllocation();
    ca.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withNamespace("team-a")
            .withGeneration(1L)
            .withCreationTimestamp(
                "lat".equals(name) ? "2026-12-01T22:00:00Z" : "2026-12-01T22:30:00Z")
            .build());
    ca.setSpec(
        new CoreAllocationSpec(
            pod,
            podUid,
            "node-1",
            1,
            null,
            List.of(
                new ContainerAllocation("app", CpuMode.Exclusive, exclusive, null, List.of()),
                new ContainerAllocation("side", CpuMode.Shared, null, null, null)),
            null,
            idle));
    client.resources(CoreAllocation.class).resource(ca).create();
  }

  private CoreAllocationStatus status(String name) {
    return client
        .resources(CoreAllocation.class)
        .inNamespace("team-a")
        .withName(name)
        .get()
        .getStatus();
  }

  private List<String> rejectedEvents() {
    return client.v1().events().inNamespace("team-a").list().getItems().stream()
        .filter(e -> "Rejected".equals(e.getReason()))
        .map(e -> e.getInvolvedObject().getKind() + "/" + e.getInvolvedObject().getName())
        .sorted()
        .toList();
  }

  @Test
  void anExclusiveCpuThatIsTheIdleSiblingOfAnEarlierAllocationIsRejected() {
    allocation("lat", "lat", uid, "4", "5");
    allocation("stale", "stale", "uid-of-stale", "5", "");

    reconciler.reconcileOnce();

    assertThat(status("lat").phase())
        .as(status("lat").message())
        .isEqualTo(CoreAllocationStatus.Phase.Applied);
    assertThat(status("stale").phase()).isEqualTo(CoreAllocationStatus.Phase.Rejected);
    assertThat(status("stale").message())
        .isEqualTo(
            "not enforced: CPU 5 is the idle sibling held by CoreAllocation team-a/lat (granted"
                + " earlier on this node)");
    assertThat(rejectedEvents()).containsExactly("CoreAllocation/stale", "Pod/stale");
    assertThat(f.tree.read(f.app, "cpuset.cpus")).isEqualTo("4");
    assertThat(f.tree.read(f.web, "cpuset.cpus"))
        .as("the idle sibling stays out of the shared pool")
        .isEqualTo("0-3");
  }

  @Test
  void anIdleSiblingThatIsAnEarlierAllocationsExclusiveCpuIsRejected() {
    allocation("lat", "lat", uid, "4-5", "");
    allocation("stale", "stale", "uid-of-stale", "6", "5");

    reconciler.reconcileOnce();

    assertThat(status("lat").phase())
        .as(status("lat").message())
        .isEqualTo(CoreAllocationStatus.Phase.Applied);
    assertThat(status("stale").phase()).isEqualTo(CoreAllocationStatus.Phase.Rejected);
    assertThat(status("stale").message())
        .isEqualTo(
            "not enforced: idle sibling CPU 5 of this allocation is an exclusive CPU of"
                + " CoreAllocation team-a/lat (granted earlier on this node)");
    assertThat(rejectedEvents()).containsExactly("CoreAllocation/stale", "Pod/stale");
  }
}
