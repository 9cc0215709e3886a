package io.isocore.core.profile;

import io.isocore.core.alloc.NumaPolicy;
import io.isocore.core.alloc.SmtPolicy;
import io.isocore.core.audit.AuditProfile;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.enforce.UnallocatedIsolatedPolicy;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A valid IsolationProfile with its defaults applied: what every consumer (allocator, enforcer,
 * probe, audit) reads instead of the raw resource, so that they cannot disagree.
 *
 * @param reserved the housekeeping CPUs, never allocated; never empty
 * @param explicitIsolated the isolated CPUs the profile lists, or empty to take the kernel's
 * @param smt how SMT siblings are handed out
 * @param numa whether a pod's cores must share one NUMA node
 * @param unallocated what isolated CPUs no allocation holds do
 * @param irqSteering whether movable IRQs leave exclusive CPUs
 * @param probe the jitter probe's schedule
 * @param quarantineNanos a CPU whose last window's max exceeds this is not handed out; empty: never
 */
public record ProfileRules(
    CpuSet reserved,
    Optional<CpuSet> explicitIsolated,
    SmtPolicy smt,
    NumaPolicy numa,
    UnallocatedIsolatedPolicy unallocated,
    boolean irqSteering,
    ProbeSchedule probe,
    OptionalLong quarantineNanos) {

  /** Rejects nulls, an empty reserved set and reserved CPUs that are also listed as isolated. */
  public ProfileRules {
    Objects.requireNonNull(reserved, "reserved");
    Objects.requireNonNull(explicitIsolated, "explicitIsolated");
    Objects.requireNonNull(smt, "smt");
    Objects.requireNonNull(numa, "numa");
    Objects.requireNonNull(unallocated, "unallocated");
    Objects.requireNonNull(probe, "probe");
    Objects.requireNonNull(quarantineNanos, "quarantineNanos");
    if (reserved.isEmpty()) {
      throw new IllegalArgumentException("reserved CPUs must not be empty");
    }
    explicitIsolated.ifPresent(
        isolated -> {
          if (isolated.intersects(reserved)) {
            throw new IllegalArgumentException(
                "reserved CPUs "
                    + reserved.toListString()
                    + " and isolated CPUs "
                    + isolated.toListString()
                    + " overlap");
          }
        });
  }

  /**
   * The rules a node gets when no profile is known: the given reserved CPUs and the CRD defaults
   * (kernel's isolated CPUs, whole cores, one NUMA node, idle isolated CPUs, IRQ steering on).
   */
  public static ProfileRules defaults(CpuSet reserved) {
    return new ProfileRules(
        reserved,
        Optional.empty(),
        SmtPolicy.FULL_CORES,
        NumaPolicy.SINGLE_NODE_REQUIRED,
        UnallocatedIsolatedPolicy.IDLE,
        true,
        ProbeSchedule.DEFAULTS,
        OptionalLong.empty());
  }

  /** The isolated CPUs on a node whose kernel isolates {@code kernelIsolated}. */
  public CpuSet isolated(CpuSet kernelIsolated) {
    return explicitIsolated.orElse(kernelIsolated);
  }

  /** The profile in the audit's terms. */
  public AuditProfile audit() {
    return new AuditProfile(reserved, explicitIsolated, smt == SmtPolicy.FULL_CORES, irqSteering);
  }
}
