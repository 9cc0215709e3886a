package io.isocore.core.alloc;

/** The outcome of planning one pod: placed with an allocation, or unschedulable with the reason. */
public sealed interface PlacementDecision {

  /** Returns a human-readable summary, fit for an Event message. */
  String message();

  /**
   * The pod fits.
   *
   * @param allocation what the pod gets; pass it to {@link AllocationState#adopt} to commit
   * @param cores the physical cores the pod holds (what admission charges)
   * @param message e.g. "node n3, NUMA node 1: app 4-7"
   */
  record Placed(PodAllocation allocation, int cores, String message) implements PlacementDecision {}

  /**
   * The pod fits nowhere now.
   *
   * @param reason the condition reason
   * @param message the exact shortfall, e.g. "needs 4 whole isolated cores on one NUMA node; best:
   *     node n7, NUMA node 1, 3 free"
   */
  record Unschedulable(UnschedulableReason reason, String message) implements PlacementDecision {}
}
