package io.isocore.agent.publish;

/** Reasons of the Events the agent emits about its NodeTopology, on transitions only. */
public enum TopologyEventReason {
  /** A sysfs or procfs file became unusable: Degraded turned True. */
  TopologyDegraded("Warning"),
  /** Every file is usable again: Degraded turned False. */
  TopologyRecovered("Normal"),
  /** The online CPUs changed (hotplug). */
  CpuTopologyChanged("Normal");

  private final String type;

  TopologyEventReason(String type) {
    this.type = type;
  }

  /** Returns the Event type: Normal or Warning. */
  public String type() {
    return type;
  }
}
