package io.isocore.agent.audit;

import io.isocore.api.v1alpha1.IsolatedCpus;
import io.isocore.api.v1alpha1.IsolationProfileSpec;
import io.isocore.core.audit.AuditProfile;
import io.isocore.core.cpu.CpuSet;
import java.util.Optional;

/** Translates an IsolationProfile spec into the audit's terms, applying the CRD defaults. */
public final class AuditProfiles {

  private AuditProfiles() {}

  /**
   * Translates the spec.
   *
   * @throws InvalidProfileException when a CPU list cannot be read
   */
  public static AuditProfile from(IsolationProfileSpec spec) {
    if (spec.reservedCpus() == null) {
      throw new InvalidProfileException("spec.reservedCpus is required");
    }
    CpuSet reserved = cpus("spec.reservedCpus", spec.reservedCpus());
    Optional<CpuSet> explicit = Optional.empty();
    IsolatedCpus isolated = spec.isolatedCpus();
    if (isolated != null && isolated.source() == IsolatedCpus.Source.Explicit) {
      if (isolated.cpus() == null) {
        throw new InvalidProfileException(
            "spec.isolatedCpus.cpus is required with source Explicit");
      }
      explicit = Optional.of(cpus("spec.isolatedCpus.cpus", isolated.cpus()));
    }
    boolean fullCores = spec.smtPolicy() != IsolationProfileSpec.SmtPolicy.IdleSiblings;
    boolean irqSteering = spec.irqSteering() == null || spec.irqSteering();
    return new AuditProfile(reserved, explicit, fullCores, irqSteering);
  }

  private static CpuSet cpus(String field, String list) {
    try {
      return CpuSet.parseNonEmpty(list);
    } catch (IllegalArgumentException e) {
      throw new InvalidProfileException(field + ": " + e.getMessage());
    }
  }
}
