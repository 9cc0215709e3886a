package io.isocore.operator.pod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One reader gives both views of a pod; they no longer disagree on init containers. */
class PodResourcesTest {

  private static Container container(String name, String cpu, String memory) {
    Map<String, Quantity> amounts =
        Map.of("cpu", new Quantity(cpu), "memory", new Quantity(memory));
    return new ContainerBuilder()
        .withName(name)
        .withNewResources()
        .withRequests(amounts)
        .withLimits(amounts)
        .endResources()
        .build();
  }

  private static Pod pod(Container init, Container app) {
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace("trading")
        .withName("feed")
        .withUid("u-1")
        .endMetadata()
        .withNewSpec()
        .withSchedulerName("isocore")
        .withInitContainers(init)
        .withContainers(app)
        .endSpec()
        .build();
  }

  @Test
  void aLargeInitContainerCountsInTheFitAndRunsOnTheSharedPool() {
    Pod pod = pod(container("warmup", "8", "16Gi"), container("app", "2", "1Gi"));

    PodResources.Read read = PodResources.read(pod);

    assertThat(read).isInstanceOf(PodResources.Valid.class);
    PodResources.Valid valid = (PodResources.Valid) read;
    // Fit: the init peak, as the kube-scheduler counts it, from the same read as the request.
    assertThat(valid.fit().get("cpu")).isEqualByComparingTo("8");
    assertThat(valid.fit().get("memory")).isEqualByComparingTo(BigDecimal.valueOf(16L << 30));
    // The isocore request: the app container's exclusive CPUs only; the init container is shared.
    assertThat(valid.request().exclusiveCpus()).isEqualTo(2);
    assertThat(valid.request().containers()).extracting(c -> c.name()).containsExactly("app");
    // Memory as the scheduler counts it (the init peak here), pinned with the exclusive CPUs.
    assertThat(valid.request().memoryBytes()).isEqualTo(16L << 30);
    // A bound pod is counted on its node with the same numbers it was admitted with.
    assertThat(PodResources.fit(pod)).isEqualTo(valid.fit());
    assertThat(PodRequestMapper.toRequest(pod)).isEqualTo(valid.request());
  }

  @Test
  void anUnreadableInitContainerMakesThePodInvalidForBothViews() {
    // Before: the contract reader skipped init containers and accepted this pod (and so did
    // `plan`); the fit reader then failed on it with a message naming no container.
    Pod pod = pod(container("warmup", "8", "16Qi"), container("app", "2", "1Gi"));

    PodResources.Read read = PodResources.read(pod);

    assertThat(read).isInstanceOf(PodResources.Invalid.class);
    assertThat(((PodResources.Invalid) read).message())
        .startsWith("pod trading/feed: container warmup: invalid quantity '16Qi'");
    assertThatThrownBy(() -> PodRequestMapper.toRequest(pod))
        .isInstanceOf(PodContractException.class)
        .hasMessageStartingWith("pod trading/feed: container warmup: invalid quantity '16Qi'");
  }

  @Test
  void memoryIsTheRequestOrTheLimitWhereNoRequestIsSetSummedOverContainers() {
    Container limitsOnly =
        new ContainerBuilder()
            .withName("side")
            .withNewResources()
            .withLimits(Map.of("memory", new Quantity("512Mi")))
            .endResources()
            .build();
    Pod pod = pod(container("warmup", "1", "1Gi"), container("app", "2", "3Gi"));
    pod.getSpec().getContainers().add(limitsOnly);
    assertThat(PodRequestMapper.toRequest(pod).memoryBytes()).isEqualTo((3L << 30) + (512L << 20));
    assertThat(PodRequestMapper.toRequest(pod).pinnedMemoryBytes())
        .isEqualTo((3L << 30) + (512L << 20));
  }

  @Test
  void negativeMemoryMakesThePodInvalid() {
    Pod pod = pod(container("warmup", "1", "1Gi"), container("app", "2", "-3Gi"));
    assertThat(PodResources.read(pod)).isInstanceOf(PodResources.Invalid.class);
    assertThat(((PodResources.Invalid) PodResources.read(pod)).message())
        .contains("container app: memory -3221225472 bytes is negative");
  }
}
