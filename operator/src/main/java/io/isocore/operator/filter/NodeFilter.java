package io.isocore.operator.filter;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Optional;

/**
 * The default scheduler's filters for one pod on one node, in its order: unschedulable, taints,
 * node selector and required affinity, resources. The first failing filter gives the reason.
 */
public final class NodeFilter {
  private NodeFilter() {}

  /**
   * Why the pod may not go on the node; empty if it may.
   *
   * @param allocatable the node's {@link NodeResources#allocatable}, read once per node per cycle
   */
  public static Optional<String> reject(
      Pod pod,
      ResourceAmounts request,
      Node node,
      ResourceAmounts allocatable,
      ResourceAmounts used,
      int podsOnNode) {
    return TaintToleration.reject(pod, node)
        .or(() -> NodeAffinity.reject(pod, node))
        .or(() -> NodeResources.reject(request, allocatable, used, podsOnNode));
  }
}
