package io.isocore.operator.scheduler;

import io.isocore.core.alloc.PlacementDecision;
import io.isocore.core.alloc.UnschedulableReason;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The PodScheduled=False message: the allocator's exact shortfall on the nodes that passed the
 * default filters, then why the other nodes were out, counted per reason as the kube-scheduler
 * reports them ("0/12 nodes are available: 2 Insufficient cpu, 10 node(s) matched no
 * IsolationProfile.").
 */
public final class Shortfall {
  private Shortfall() {}

  /**
   * @param totalNodes the nodes in the cluster
   * @param rejected why each node was out before the allocator looked at it, by node name
   * @param decision the allocator's verdict on the other nodes
   */
  public static String message(
      int totalNodes, Map<String, String> rejected, PlacementDecision.Unschedulable decision) {
    String others = summary(rejected);
    if (decision.reason() == UnschedulableReason.NO_ELIGIBLE_NODE
        || rejected.size() >= totalNodes) {
      return "0/"
          + totalNodes
          + " nodes are available"
          + (others.isEmpty() ? "." : ": " + others + ".");
    }
    return decision.message() + (others.isEmpty() ? "" : ". Other nodes: " + others + ".");
  }

  static String summary(Map<String, String> rejected) {
    Map<String, Long> counts =
        rejected.values().stream()
            .collect(Collectors.groupingBy(r -> r, TreeMap::new, Collectors.counting()));
    return counts.entrySet().stream()
        .map(e -> e.getValue() + " " + e.getKey())
        .collect(Collectors.joining(", "));
  }
}
