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
}
