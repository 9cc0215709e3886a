package io.isocore.core.alloc;

/** Why a pod cannot be placed; {@link #conditionReason()} is the PodScheduled condition reason. */
public enum UnschedulableReason {
  /** No eligible node has enough free whole isolated cores (on one NUMA node, where required). */
  INSUFFICIENT_ISOLATED_CORES("InsufficientIsolatedCores"),
  /** Nodes have the cores but not the hugepages on the same NUMA node. */
  INSUFFICIENT_HUGEPAGES("InsufficientHugepages"),
  /**
   * Nodes have the cores but not the memory on the NUMA node of the cores (a pod with exclusive
   * CPUs has its memory pinned there).
   */
  INSUFFICIENT_MEMORY("InsufficientMemory"),
  /** No eligible node has the network interface the pod aligns with. */
  NIC_NOT_FOUND("NicNotFound"),
  /** No node passed the caller's filter, or the state holds no nodes. */
  NO_ELIGIBLE_NODE("NoEligibleNode"),
  /** The pod already holds an allocation; release it first. */
  ALREADY_PLACED("AlreadyPlaced");

  private final String conditionReason;

  UnschedulableReason(String conditionReason) {
    this.conditionReason = conditionReason;
  }

  /**
   * Returns the PascalCase reason for conditions and Events, e.g. {@code InsufficientHugepages}.
   */
  public String conditionReason() {
    return conditionReason;
  }
}
