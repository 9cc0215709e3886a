package io.isocore.operator.metrics;

/**
 * The outcome label of {@code isocore_placement_duration_seconds} and {@code
 * isocore_placements_total}.
 */
public enum PlacementOutcome {
  /** The pod was bound with a CoreAllocation. */
  PLACED("placed"),
  /** No node could take the pod now. */
  UNSCHEDULABLE("unschedulable"),
  /** The decision failed (API error, invalid input). */
  ERROR("error");

  private final String label;

  PlacementOutcome(String label) {
    this.label = label;
  }

  /** The label value. */
  public String label() {
    return label;
  }
}
