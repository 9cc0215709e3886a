package io.isocore.agent.enforce;

import io.isocore.kube.events.EventReason;

/**
 * Reasons of the Events the agent records about enforcement: on CoreAllocations, and on the Node
 * for the node-wide IRQ state.
 */
public enum EnforcementEventReason implements EventReason {
  /** The allocation is enforced and verified. */
  Applied("Normal"),
  /** The allocation could not be enforced or verified. */
  EnforcementFailed("Warning"),
  /** Someone rewrote a container's cpuset; the agent put it back. */
  DriftRepaired("Warning"),
  /** The pod is gone; its CPUs are back in the pool. */
  Released("Normal"),
  /** The allocation's CPUs overlap an earlier allocation's on this node: it is not enforced. */
  Rejected("Warning"),
  /**
   * The IRQ state file was corrupt or of another boot: set aside under a new name (never deleted),
   * the agent starts with no saved IRQ originals. Recorded on the Node.
   */
  IrqStateSetAside("Warning");

  private final String type;

  EnforcementEventReason(String type) {
    this.type = type;
  }

  @Override
  public String type() {
    return type;
  }
}
