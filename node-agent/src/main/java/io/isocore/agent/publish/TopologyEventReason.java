package io.isocore.agent.publish;

import io.isocore.kube.events.EventReason;

/** Reasons of the Events the agent emits about its NodeTopology, on transitions only. */
public enum TopologyEventReason implements EventReason {
  /** A sysfs or procfs file became unusable: Degraded turned True. */
  TopologyDegraded("Warning"),
  /** Every file is usable again: Degraded turned False. */
  TopologyRecovered("Normal"),
  /** The online CPUs changed (hotplug). */
  CpuTopologyChanged("Normal"),
  /** Two or more IsolationProfiles select the node: ProfileUsable turned False. */
  ProfileConflict("Warning"),
  /** The one IsolationProfile selecting the node is invalid: ProfileUsable turned False. */
  InvalidProfile("Warning"),
  /** After a conflict or an invalid profile, the node is usable again (or left alone). */
  ProfileResolved("Normal");

  private final String type;

  TopologyEventReason(String type) {
    this.type = type;
  }

  @Override
  public String type() {
    return type;
  }
}
