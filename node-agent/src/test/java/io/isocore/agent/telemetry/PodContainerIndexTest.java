package io.isocore.agent.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.isocore.core.telemetry.ContainerKey;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodContainerIndexTest {

  private static Pod pod(String name, String uid, String containerId) {
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace("trading")
        .withName(name)
        .withUid(uid)
        .endMetadata()
        .withNewStatus()
        .addNewContainerStatus()
        .withName("handler")
        .withContainerID(containerId)
        .endContainerStatus()
        .addNewContainerStatus()
        .withName("starting")
        .endContainerStatus()
        .endStatus()
        .build();
  }

  @Test
  void resolvesRuntimePrefixedIdsOfLatencyPodsOnly() {
    PodContainerIndex index = new PodContainerIndex();
    index.update(
        List.of(pod("feed-0", "u1", "containerd://abc"), pod("web-0", "u2", "cri-o://def")),
        p -> p.getMetadata().getName().startsWith("feed"));
    assertThat(index.resolve(new ContainerKey("u1", "abc")))
        .contains(new ContainerRef("trading", "feed-0", "handler"));
    assertThat(index.resolve(new ContainerKey("u2", "def"))).isEmpty();

    index.update(List.of(), p -> true);
    assertThat(index.resolve(new ContainerKey("u1", "abc"))).isEmpty();
  }
}
