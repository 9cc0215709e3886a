package io.isocore.agent.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.isocore.agent.telemetry.ContainerRef;
import io.isocore.agent.telemetry.PodContainerIndex;
import io.isocore.api.v1alpha1.ContainerAllocation;
import io.isocore.api.v1alpha1.ContainerAllocation.CpuMode;
import io.isocore.api.v1alpha1.CoreAllocation;
import io.isocore.api.v1alpha1.CoreAllocationSpec;
import io.isocore.core.telemetry.ContainerKey;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyPodsTest {

  private static CoreAllocation ca(String namespace, String pod) {
    CoreAllocation ca = new CoreAllocation();
    ca.setMetadata(new ObjectMetaBuilder().withName(pod).withNamespace(namespace).build());
    ca.setSpec(
        new CoreAllocationSpec(
            pod,
            "uid-" + pod,
            "node-1",
            0,
            null,
            List.of(new ContainerAllocation("main", CpuMode.Exclusive, "2", null, null)),
            null));
    return ca;
  }

  private static Pod pod(String namespace, String name) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .withUid("uid-" + name)
        .endMetadata()
        .withNewStatus()
        .addNewContainerStatus()
        .withName("main")
        .withContainerID("containerd://c-" + name)
        .endContainerStatus()
        .endStatus()
        .build();
  }

  @Test
  void onlyPodsNamedByAnAllocationInTheirNamespaceAreIndexed() {
    PodContainerIndex index = new PodContainerIndex();
    index.update(
        List.of(pod("team-a", "lat"), pod("team-a", "web"), pod("team-b", "lat2")),
        LatencyPods.of(List.of(ca("team-a", "lat"), ca("team-a", "lat2"))));

    assertThat(index.resolve(new ContainerKey("uid-lat", "c-lat")))
        .contains(new ContainerRef("team-a", "lat", "main"));
    assertThat(index.resolve(new ContainerKey("uid-web", "c-web"))).isEmpty();
    // same pod name, other namespace: not a latency pod
    assertThat(index.resolve(new ContainerKey("uid-lat2", "c-lat2"))).isEmpty();
  }

  @Test
  void noAllocationsMeansAnEmptyIndex() {
    PodContainerIndex index = new PodContainerIndex();
    index.update(List.of(pod("team-a", "lat")), LatencyPods.of(List.of()));
    assertThat(index.isEmpty()).isTrue();
  }
}
