package io.isocore.agent.enforce;

import io.isocore.core.cpu.CpuSet;
import io.isocore.core.enforce.ShareWeighting;
import io.isocore.core.enforce.UnallocatedIsolatedPolicy;
import io.isocore.core.profile.ProfileRules;
import java.util.List;
import java.util.Optional;

/**
 * Everything one reconcile pass enforces.
 *
 * @param cpus the node facts
 * @param profile the rules of the IsolationProfile selecting this node; empty when none does
 * @param allocations the allocations of this node, oldest first (the older wins a contested CPU)
 * @param shareWeighting the profile's {@code shareWeighting} ({@code CONTAINER} without a profile)
 */
public record DesiredNode(
    NodeCpus cpus,
    Optional<ProfileRules> profile,
    List<DesiredAllocation> allocations,
    ShareWeighting shareWeighting) {

  /** Copies the list. */
  public DesiredNode {
    allocations = List.copyOf(allocations);
  }

  /** A node in {@code CONTAINER} share weighting. */
  public DesiredNode(
      NodeCpus cpus, Optional<ProfileRules> profile, List<DesiredAllocation> allocations) {
    this(cpus, profile, allocations, ShareWeighting.CONTAINER);
  }

  /** What free isolated CPUs do: the profile's choice, {@code Idle} without a profile. */
  public UnallocatedIsolatedPolicy unallocated() {
    return profile.map(ProfileRules::unallocated).orElse(UnallocatedIsolatedPolicy.IDLE);
  }

  /** Whether IRQs leave exclusive CPUs: the profile's choice, on without a profile. */
  public boolean irqSteering() {
    return profile.map(ProfileRules::irqSteering).orElse(true);
  }

  /** Returns every exclusive CPU the allocations ask for, accepted or not. */
  public CpuSet requestedExclusive() {
    CpuSet all = CpuSet.empty();
    for (DesiredAllocation a : allocations) {
      all = all.union(a.exclusiveCpus());
    }
    return all;
  }

  /**
   * Returns every CPU the allocations hold, accepted or not: their exclusive CPUs and the siblings
   * they hold idle. The jitter probe must leave these before any cpuset is written.
   */
  public CpuSet requestedHeld() {
    CpuSet all = requestedExclusive();
    for (DesiredAllocation a : allocations) {
      all = all.union(a.idleCpus());
    }
    return all;
  }
}
