package io.isocore.agent.enforce;

import io.isocore.agent.probe.ProbeSettings;
import io.isocore.core.cpu.CpuSet;
import java.util.List;
import java.util.Optional;

/**
 * What one enforcement pass saw and did, decoded once, for the pass observers (the node gauges, the
 * jitter probe's plan).
 *
 * @param cpus the node's CPUs
 * @param reserved the profile's reserved CPUs (empty without a profile)
 * @param probe the profile's jitter probe settings, when a profile selects this node
 * @param allocations this node's allocations with a spec, oldest first
 * @param report the enforcer's report
 */
public record PassSnapshot(
    NodeCpus cpus,
    CpuSet reserved,
    Optional<ProbeSettings> probe,
    List<SeenAllocation> allocations,
    EnforcementReport report) {

  /** Copies the list. */
  public PassSnapshot {
    allocations = List.copyOf(allocations);
  }
}
