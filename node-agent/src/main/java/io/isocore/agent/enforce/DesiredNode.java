package io.isocore.agent.enforce;

import java.util.List;

/**
 * Everything one reconcile pass enforces.
 *
 * @param cpus the node facts
 * @param policy the profile's policy
 * @param allocations the allocations of this node, oldest first (the older wins a contested CPU)
 */
public record DesiredNode(
    NodeCpus cpus, EnforcementPolicy policy, List<DesiredAllocation> allocations) {

  /** Copies the list. */
  public DesiredNode {
    allocations = List.copyOf(allocations);
  }
}
