package io.isocore.operator.pod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.isocore.core.pod.ContainerRequest;
import io.isocore.core.pod.HugepageRequest;
import io.isocore.core.pod.PodRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodRequestMapperTest {

  private static final long MI2 = 2L << 20;
  private static final long GI1 = 1L << 30;

  private static io.fabric8.kubernetes.api.model.Container container(
      String name, Map<String, String> requests, Map<String, String> limits) {
    return new ContainerBuilder()
        .withName(name)
        .withNewResources()
        .withRequests(quantities(requests))
        .withLimits(quantities(limits))
        .endResources()
        .build();
  }

  private static Map<String, Quantity> quantities(Map<String, String> values) {
    return values.entrySet().stream()
        .collect(
            java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> new Quantity(e.getValue())));
  }

  private static Pod pod(io.fabric8.kubernetes.api.model.Container... containers) {
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace("trading")
        .withName("feed")
        .withUid("u-1")
        .endMetadata()
        .withNewSpec()
        .withSchedulerName("isocore")
        .withContainers(containers)
        .withInitContainers(container("init", Map.of("cpu", "2"), Map.of("cpu", "2")))
        .endSpec()
        .build();
  }

  @Test
  void wholeCpusWithRequestEqualToLimitAreExclusive() {
    PodRequest request =
        PodRequestMapper.toRequest(
            pod(
                container(
                    "app",
                    Map.of("cpu", "4", "memory", "1Gi"),
                    Map.of("cpu", "4", "memory", "1Gi")),
                container("limitOnly", Map.of(), Map.of("cpu", "2000m")),
                container("burstable", Map.of("cpu", "1"), Map.of("cpu", "2")),
                container("fractionalShared", Map.of("cpu", "500m"), Map.of("cpu", "1500m")),
                container("none", Map.of(), Map.of())));
    assertThat(request.key().toString()).isEqualTo("trading/feed");
    assertThat(request.uid()).isEqualTo("u-1");
    assertThat(request.containers())
        .containsExactly(
            new ContainerRequest("app", 4, List.of()),
            new ContainerRequest("limitOnly", 2, List.of()),
            new ContainerRequest("burstable", 0, List.of()),
            new ContainerRequest("fractionalShared", 0, List.of()),
            new ContainerRequest("none", 0, List.of()));
    assertThat(request.alignNic()).isEmpty();
    assertThat(request.tenant()).isEmpty();
  }

  @Test
  void hugepagesAndNicAlignmentAreRead() {
    Pod pod =
        pod(
            container(
                "app",
                Map.of("cpu", "2", "hugepages-1Gi", "2Gi"),
                Map.of("cpu", "2", "hugepages-1Gi", "2Gi", "hugepages-2Mi", "64Mi")));
    pod.getMetadata().setAnnotations(Map.of(PodRequestMapper.ALIGN_NIC_ANNOTATION, "ens1f0"));
    PodRequest request = PodRequestMapper.toRequest(pod);
    assertThat(request.containers().getFirst().hugepages())
        .containsExactly(new HugepageRequest(GI1, 2 * GI1), new HugepageRequest(MI2, 32 * MI2));
    assertThat(request.alignNic()).contains("ens1f0");
  }

  @Test
  void everyContractBreachIsReportedWithTheContainerAndValue() {
    Pod pod =
        pod(
            container("app", Map.of("cpu", "1500m"), Map.of("cpu", "1500m")),
            container("hp", Map.of("hugepages-2M", "4Mi"), Map.of("hugepages-2M", "4Mi")),
            container("odd", Map.of(), Map.of("hugepages-1Gi", "1536Mi")),
            container("diff", Map.of("hugepages-2Mi", "2Mi"), Map.of("hugepages-2Mi", "4Mi")),
            container("nolimit", Map.of("hugepages-2Mi", "2Mi"), Map.of()));
    assertThatThrownBy(() -> PodRequestMapper.toRequest(pod))
        .isInstanceOf(PodContractException.class)
        .satisfies(
            e ->
                assertThat(((PodContractException) e).problems())
                    .containsExactly(
                        "container app: cpu request = limit = 1500m is not a whole number of CPUs;"
                            + " exclusive cores need a whole number (e.g. 2), or set the request"
                            + " below the limit to run on the shared pool",
                        "container hp: unknown hugepage resource hugepages-2M; expected"
                            + " hugepages-<size> with a size such as 2Mi or 1Gi",
                        "container odd: hugepages-1Gi = 1536Mi is not a whole number of 1Gi pages",
                        "container diff: hugepages-2Mi request 2Mi differs from limit 4Mi;"
                            + " hugepages need request = limit",
                        "container nolimit: hugepages-2Mi needs a limit (Kubernetes requires one)"))
        .hasMessageStartingWith("pod trading/feed: container app: cpu request = limit = 1500m");
  }

  @Test
  void aManifestWithoutNamespaceOrUidIsReadAsDefault() {
    Pod pod = pod(container("app", Map.of("cpu", "1"), Map.of("cpu", "1")));
    pod.getMetadata().setNamespace(null);
    pod.getMetadata().setUid(null);
    PodRequest request = PodRequestMapper.toRequest(pod);
    assertThat(request.key().namespace()).isEqualTo("default");
    assertThat(request.uid()).isEmpty();
  }

  @Test
  void aPodWithoutContainersIsRejected() {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName("x")
            .endMetadata()
            .withNewSpec()
            .endSpec()
            .build();
    assertThatThrownBy(() -> PodRequestMapper.toRequest(pod))
        .hasMessage("pod default/x: spec.containers is empty");
  }
}
