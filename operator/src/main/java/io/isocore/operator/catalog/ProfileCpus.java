package io.isocore.operator.catalog;

import io.fabric8.kubernetes.api.model.Node;
import io.isocore.api.v1alpha1.IsolatedCpus;
import io.isocore.api.v1alpha1.IsolationProfile;
import io.isocore.api.v1alpha1.IsolationProfileSpec;
import io.isocore.core.cpu.CpuListFormatException;
import io.isocore.core.cpu.CpuSet;
import java.util.Map;
import java.util.Optional;

/**
 * An IsolationProfile's node selection and CPU lists, checked again at runtime: an old CRD may have
 * let through what the current schema rejects.
 */
public final class ProfileCpus {
  private ProfileCpus() {}

  public static boolean selects(IsolationProfile profile, Node node) {
    Map<String, String> selector =
        profile.getSpec() == null ? null : profile.getSpec().nodeSelector();
    if (selector == null || selector.isEmpty()) {
      return true;
    }
    Map<String, String> labels = node.getMetadata().getLabels();
    return labels != null
        && selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }

  /** Why the profile cannot be used on any node; empty when it can. */
  public static Optional<String> invalidReason(IsolationProfile profile) {
    IsolationProfileSpec spec = profile.getSpec();
    if (spec == null || spec.reservedCpus() == null) {
      return Optional.of("spec.reservedCpus is required");
    }
    CpuSet reserved;
    try {
      reserved = CpuSet.parseNonEmpty(spec.reservedCpus());
    } catch (CpuListFormatException e) {
      return Optional.of("spec.reservedCpus: " + e.getMessage());
    }
    IsolatedCpus isolated = spec.isolatedCpus();
    if (isolated != null && isolated.source() == IsolatedCpus.Source.Explicit) {
      if (isolated.cpus() == null) {
        return Optional.of("spec.isolatedCpus.cpus is required when source is Explicit");
      }
      CpuSet explicit;
      try {
        explicit = CpuSet.parseNonEmpty(isolated.cpus());
      } catch (CpuListFormatException e) {
        return Optional.of("spec.isolatedCpus.cpus: " + e.getMessage());
      }
      CpuSet overlap = reserved.intersection(explicit);
      if (!overlap.isEmpty()) {
        return Optional.of(
            "spec.reservedCpus "
                + reserved.toListString()
                + " and spec.isolatedCpus.cpus "
                + explicit.toListString()
                + " overlap on "
                + overlap.toListString()
                + "; a CPU is either housekeeping or isolated");
      }
    }
    return Optional.empty();
  }

  /** The profile's reserved CPUs; call only on a profile without {@link #invalidReason}. */
  public static CpuSet reserved(IsolationProfile profile) {
    return CpuSet.parseNonEmpty(profile.getSpec().reservedCpus());
  }

  /** The explicit isolated CPUs, or empty when the profile takes the kernel's. */
  public static Optional<CpuSet> explicitIsolated(IsolationProfile profile) {
    IsolatedCpus isolated = profile.getSpec().isolatedCpus();
    if (isolated == null || isolated.source() != IsolatedCpus.Source.Explicit) {
      return Optional.empty();
    }
    return Optional.of(CpuSet.parseNonEmpty(isolated.cpus()));
  }
}
