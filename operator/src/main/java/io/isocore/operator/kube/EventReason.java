package io.isocore.operator.kube;

/**
 * Every reason the scheduler records an Event for, with the Event type it carries. Events go
 * through kube-support's {@link io.isocore.kube.events.EventRecorder} as component {@link
 * #COMPONENT}.
 */
public enum EventReason implements io.isocore.kube.events.EventReason {
  /** The pod got cores and was bound. */
  Scheduled(false),
  /** The pod fits nowhere now; the message is the exact shortfall. */
  FailedScheduling(true),
  /** The pod's request breaks the pod contract (fractional CPUs, unknown hugepage size...). */
  InvalidRequest(true),
  /** The Binding failed after the CoreAllocation was written; the allocation was rolled back. */
  BindingFailed(true),
  /** The pod is gone or finished; its cores are free again. */
  Released(false),
  /** A CoreAllocation written earlier was found unbound and its pod bound (restart recovery). */
  Rebound(false),
  /** A LatencyTenant cannot be used as written. */
  InvalidTenant(true),
  /** An IsolationProfile cannot be used as written. */
  InvalidProfile(true),
  /** A node matched by a profile has no NodeTopology (no agent), so nothing is placed there. */
  MissingTopology(true),
  /** A node's NodeTopology cannot be read; nothing is placed there until the agent rewrites it. */
  InvalidTopology(true),
  /** The CoreAllocation of a running pod was gone from the API server and was written again. */
  AllocationRecreated(true),
  /** A bound pod had no CoreAllocation; it got cores on its node. */
  AllocationRepaired(true),
  /** A bound pod has no CoreAllocation and none can be given to it: it runs unisolated. */
  Unisolated(true),
  /** A pod's CoreAllocation overlaps cores another pod holds (written by a stale leader). */
  AllocationConflict(true),
  /**
   * A pod's isocore.io/transfer-tickets-to cannot take effect (target elsewhere, gone, foreign).
   */
  TransferRefused(true),
  /** A pod's ticket transfer was written to its CoreAllocation, changed or removed. */
  TransferUpdated(false);

  /** The component the scheduler's Events are reported by ({@code source.component}). */
  public static final String COMPONENT = "isocore-scheduler";

  /** The sender thread's name. */
  public static final String SENDER_THREAD = "isocore-events";

  private final boolean warning;

  EventReason(boolean warning) {
    this.warning = warning;
  }

  @Override
  public String type() {
    return warning ? "Warning" : "Normal";
  }
}
