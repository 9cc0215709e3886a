package io.isocore.operator.filter;

import io.fabric8.kubernetes.api.model.Node;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The default scheduler's NodeResourcesFit filter: for every resource the pod requests, the node's
 * allocatable minus the requests of the pods already there must cover it; and one more pod must fit
 * under allocatable pods.
 */
public final class NodeResources {
  private NodeResources() {}

  /**
   * Why the pod does not fit, such as "Insufficient cpu, Insufficient hugepages-1Gi"; empty if it
   * fits.
   *
   * @param request the pod's effective requests ({@code PodResources.fit})
   * @param allocatable the node's {@link #allocatable}, read once per node per cycle
   * @param used the summed requests of the pods already on the node
   * @param podsOnNode how many pods are already on the node
   */
  public static Optional<String> reject(
      ResourceAmounts request, ResourceAmounts allocatable, ResourceAmounts used, int podsOnNode) {
    List<String> missing = new ArrayList<>();
    BigDecimal maxPods = allocatable.amounts().get("pods");
    if (maxPods != null && maxPods.compareTo(BigDecimal.valueOf(podsOnNode + 1L)) < 0) {
      missing.add("Too many pods");
    }
    for (var e : request.amounts().entrySet()) {
      if (e.getValue().signum() <= 0) {
        continue;
      }
      BigDecimal free = allocatable.get(e.getKey()).subtract(used.get(e.getKey()));
      if (free.compareTo(e.getValue()) < 0) {
        missing.add("Insufficient " + e.getKey());
      }
    }
    return missing.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", missing));
  }

  public static ResourceAmounts allocatable(Node node) {
    if (node.getStatus() == null) {
      return ResourceAmounts.NONE;
    }
    return ResourceAmounts.of(node.getStatus().getAllocatable());
  }
}
