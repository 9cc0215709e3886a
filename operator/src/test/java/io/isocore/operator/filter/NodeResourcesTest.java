package io.isocore.operator.filter;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.isocore.operator.pod.PodResources;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeResourcesTest {

  @Test
  void podRequestsSumContainersAndTakeTheLargerOfInitPeakAndAddOverhead() {
    Pod pod =
        new PodBuilder()
            .withNewSpec()
            .withOverhead(Map.of("cpu", new Quantity("100m")))
            .addToInitContainers(container("init", "3", "1Gi", null))
            .addToInitContainers(sidecar("mesh", "500m", "128Mi"))
            .addToContainers(container("app", "2", "2Gi", null))
            .addToContainers(container("log", "250m", "64Mi", null))
            .endSpec()
            .build();
    ResourceAmounts r = PodResources.fit(pod);
    // cpu: max(3 + 0 sidecars-before, 0.5 + 2 + 0.25) + 0.1 = 3.1
    assertThat(r.get("cpu")).isEqualByComparingTo("3.1");
    // memory: max(1Gi, 128Mi + 2Gi + 64Mi)
    assertThat(r.get("memory")).isEqualByComparingTo(BigDecimal.valueOf((2048L + 192) << 20));
  }

  @Test
  void limitWithoutRequestCountsAsRequest() {
    var c =
        new ContainerBuilder()
            .withName("x")
            .withNewResources()
            .withLimits(Map.of("cpu", new Quantity("4"), "hugepages-1Gi", new Quantity("2Gi")))
            .endResources()
            .build();
    assertThat(PodResources.fit(c).get("cpu")).isEqualByComparingTo("4");
    assertThat(PodResources.fit(c).get("hugepages-1Gi"))
        .isEqualByComparingTo(BigDecimal.valueOf(2L << 30));
  }

  @Test
  void allocatableMinusUsedMustCoverEveryRequestedResource() {
    Node node = node("8", "16Gi", "4Gi", "110");
    ResourceAmounts used = PodResources.fit(pod(container("a", "6", "8Gi", "2Gi")));
    assertThat(
            NodeResources.reject(
                PodResources.fit(pod(container("b", "2", "8Gi", "2Gi"))),
                NodeResources.allocatable(node),
                used,
                1))
        .isEmpty();
    assertThat(
            NodeResources.reject(
                PodResources.fit(pod(container("b", "3", "9Gi", "2Gi"))),
                NodeResources.allocatable(node),
                used,
                1))
        .contains("Insufficient cpu, Insufficient memory");
    assertThat(
            NodeResources.reject(
                PodResources.fit(pod(container("b", "1", "1Gi", "3Gi"))),
                NodeResources.allocatable(node),
                used,
                1))
        .contains("Insufficient hugepages-1Gi");
  }

  @Test
  void resourceTheNodeDoesNotOfferAndPodCountReject() {
    Node node = node("8", "16Gi", null, "3");
    var gpu =
        new ContainerBuilder()
            .withName("g")
            .withNewResources()
            .withRequests(Map.of("example.com/gpu", new Quantity("1")))
            .endResources()
            .build();
    assertThat(
            NodeResources.reject(
                PodResources.fit(pod(gpu)),
                NodeResources.allocatable(node),
                ResourceAmounts.NONE,
                0))
        .contains("Insufficient example.com/gpu");
    assertThat(
            NodeResources.reject(
                ResourceAmounts.NONE, NodeResources.allocatable(node), ResourceAmounts.NONE, 3))
        .contains("Too many pods");
  }

  static Node node(String cpu, String memory, String hugepages1g, String pods) {
    var alloc = new java.util.HashMap<String, Quantity>();
    alloc.put("cpu", new Quantity(cpu));
    alloc.put("memory", new Quantity(memory));
    alloc.put("pods", new Quantity(pods));
    if (hugepages1g != null) {
      alloc.put("hugepages-1Gi", new Quantity(hugepages1g));
    }
    return new NodeBuilder()
        .withNewMetadata()
        .withName("n1")
        .endMetadata()
        .withNewStatus()
        .withAllocatable(alloc)
        .endStatus()
        .build();
  }

  static Pod pod(io.fabric8.kubernetes.api.model.Container... containers) {
    return new PodBuilder().withNewSpec().addToContainers(containers).endSpec().build();
  }

  static io.fabric8.kubernetes.api.model.Container container(
      String name, String cpu, String memory, String hugepages1g) {
    var req = new java.util.HashMap<String, Quantity>();
    req.put("cpu", new Quantity(cpu));
    req.put("memory", new Quantity(memory));
    if (hugepages1g != null) {
      req.put("hugepages-1Gi", new Quantity(hugepages1g));
    }
    return new ContainerBuilder()
        .withName(name)
        .withNewResources()
        .withRequests(req)
        .endResources()
        .build();
  }

  static io.fabric8.kubernetes.api.model.Container sidecar(String name, String cpu, String memory) {
    var c = container(name, cpu, memory, null);
    c.setRestartPolicy("Always");
    return c;
  }
}
