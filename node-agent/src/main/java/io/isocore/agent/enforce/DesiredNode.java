package io.isocore.agent.enforce;

import io.isocore.core.cpu.CpuSet;
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

  /**
   * Returns every exclusive CPU the allocations ask for, accepted or not (the CPUs the jitter probe
   * must leave before any cpuset is written).
   */
  public CpuSet requestedExclusive() {
    CpuSet all = CpuSet.empty();
    for (DesiredAllocation a : allocations) {
      all = all.union(a.exclusiveCpus());
    }
    return all;
  }
}
