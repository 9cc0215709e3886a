package io.isocore.agent.enforce;

import io.isocore.core.cpu.CpuSet;
import io.isocore.core.profile.ProfileRules;
import java.util.List;
import java.util.Optional;

/**
 * What one enforcement pass saw and did, decoded once, for the pass observers (the node gauges, the
 * jitter probe's plan).
 *
 * @param cpus the node's CPUs
 * @param profile the rules of the IsolationProfile selecting this node, when one does
 * @param allocations this node's allocations with a spec, oldest first
 * @param report the enforcer's report
 */
public record PassSnapshot(
    NodeCpus cpus,
    Optional<ProfileRules> profile,
    List<SeenAllocation> allocations,
    EnforcementReport report) {

  /** Copies the list. */
  public PassSnapshot {
    allocations = List.copyOf(allocations);
  }

  /** The profile's reserved CPUs; empty without a profile. */
  public CpuSet reserved() {
    return profile.map(ProfileRules::reserved).orElse(CpuSet.empty());
  }
}
