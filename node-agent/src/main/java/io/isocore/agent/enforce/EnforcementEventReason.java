package io.isocore.agent.enforce;

import io.isocore.kube.events.EventReason;

/** Reasons of the Events the agent records on CoreAllocations. */
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
  Rejected("Warning");

  private final String type;

  EnforcementEventReason(String type) {
    this.type = type;
  }

  @Override
  public String type() {
    return type;
  }
}
