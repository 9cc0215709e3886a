package io.isocore.mapping.profile;

import io.isocore.api.v1alpha1.HeldCpuNoiseSpec;
import io.isocore.api.v1alpha1.IsolatedCpus;
import io.isocore.api.v1alpha1.IsolationProfile;
import io.isocore.api.v1alpha1.IsolationProfileSpec;
import io.isocore.api.v1alpha1.JitterProbeSpec;
import io.isocore.core.alloc.NumaPolicy;
import io.isocore.core.alloc.SmtPolicy;
import io.isocore.core.cpu.CpuListFormatException;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.enforce.UnallocatedIsolatedPolicy;
import io.isocore.core.noise.HeldCpuSlo;
import io.isocore.core.profile.ProbeSchedule;
import io.isocore.core.profile.ProfileRules;
import io.isocore.mapping.InvalidResourceException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads an IsolationProfile: its validation (checked again at run time, since an old CRD may have
 * let through what the current schema rejects), which nodes it selects, and its resolved {@link
 * ProfileRules}. The operator, the agent, {@code plan --profile} and {@code audit --profile} all
 * come here.
 */
public final class IsolationProfiles {

  private IsolationProfiles() {}

  /**
   * Resolves a profile, applying the CRD defaults.
   *
   * @throws InvalidResourceException naming the profile and the field
   */
  public static ProfileRules resolve(IsolationProfile profile) {
    return resolve(describe(profile), profile.getSpec());
  }

  /**
   * Resolves a spec, applying the CRD defaults.
   *
   * @param resource the object for messages, e.g. {@code IsolationProfile trading}
   * @throws InvalidResourceException naming the resource and the field
   */
  public static ProfileRules resolve(String resource, IsolationProfileSpec spec) {
    if (spec == null) {
      throw InvalidResourceException.field(resource, "spec", "is missing");
    }
    CpuSet reserved = cpus(resource, "spec.reservedCpus", spec.reservedCpus());
    Optional<CpuSet> explicit = explicitIsolated(resource, spec.isolatedCpus());
    explicit.ifPresent(
        isolated -> {
          CpuSet overlap = reserved.intersection(isolated);
          if (!overlap.isEmpty()) {
            throw new InvalidResourceException(
                resource
                    + ": spec.reservedCpus "
                    + reserved.toListString()
                    + " and spec.isolatedCpus.cpus "
                    + isolated.toListString()
                    + " overlap on "
                    + overlap.toListString()
                    + "; a CPU is either housekeeping or isolated");
          }
        });
    return new ProfileRules(
        reserved,
        explicit,
        spec.smtPolicy() == IsolationProfileSpec.SmtPolicy.IdleSiblings
            ? SmtPolicy.IDLE_SIBLINGS
            : SmtPolicy.FULL_CORES,
        spec.numaPolicy() == IsolationProfileSpec.NumaPolicy.SingleNodePreferred
            ? NumaPolicy.SINGLE_NODE_PREFERRED
            : NumaPolicy.SINGLE_NODE_REQUIRED,
        spec.unallocatedIsolatedCpus() == IsolationProfileSpec.UnallocatedPolicy.Shared
            ? UnallocatedIsolatedPolicy.SHARED
            : UnallocatedIsolatedPolicy.IDLE,
        spec.irqSteering() == null || spec.irqSteering(),
        probe(resource, spec.jitterProbe()),
        quarantine(resource, spec.quarantineThresholdNanoseconds()));
  }

  /** What is wrong with the profile, naming the field; empty when it is valid. */
  public static Optional<String> problem(IsolationProfile profile) {
    try {
      resolve(profile);
      return Optional.empty();
    } catch (InvalidResourceException e) {
      return Optional.of(e.getMessage());
    }
  }

  /**
   * The profile's held-CPU noise SLO ({@code spec.heldCpuNoise}); empty when unset or without a
   * limit. Checked apart from {@link #resolve}: a bad SLO is not applied, but the rest of the
   * profile still is (its nodes stay usable), so it never makes the profile invalid.
   *
   * @throws InvalidResourceException naming the profile and the field when a value is out of the
   *     CRD's bounds (an older CRD may have let it through)
   */
  public static Optional<HeldCpuSlo> heldCpuSlo(IsolationProfile profile) {
    HeldCpuNoiseSpec spec = profile.getSpec() == null ? null : profile.getSpec().heldCpuNoise();
    if (spec == null) {
      return Optional.empty();
    }
    try {
      return HeldCpuSlo.of(
          spec.maxInterruptsPerSecond(),
          spec.maxInvoluntarySwitchesPerSecond(),
          spec.maxRunQueueWaitMillisecondsPerSecond(),
          spec.forSeconds() == null ? null : spec.forSeconds().longValue());
    } catch (IllegalArgumentException e) {
      throw new InvalidResourceException(describe(profile) + ": " + e.getMessage());
    }
  }

  /** What is wrong with the profile's {@code spec.heldCpuNoise}, naming the field; else empty. */
  public static Optional<String> heldCpuSloProblem(IsolationProfile profile) {
    try {
      heldCpuSlo(profile);
      return Optional.empty();
    } catch (InvalidResourceException e) {
      return Optional.of(e.getMessage());
    }
  }

  /** Whether the profile's node selector matches these node labels (empty selector: every node). */
  public static boolean selects(IsolationProfile profile, Map<String, String> nodeLabels) {
    Map<String, String> selector =
        profile.getSpec() == null ? null : profile.getSpec().nodeSelector();
    if (selector == null || selector.isEmpty()) {
      return true;
    }
    Map<String, String> labels = nodeLabels == null ? Map.of() : nodeLabels;
    return selector.entrySet().stream()
        .allMatch(e -> e.getValue() != null && e.getValue().equals(labels.get(e.getKey())));
  }

  /**
   * The profile that governs a node with these labels: exactly one must select it, and it must be
   * valid. Used by the operator (which nodes it may place on) and the agent (what it enforces).
   */
  public static ProfileSelection selectFor(
      Map<String, String> nodeLabels, List<IsolationProfile> profiles) {
    List<IsolationProfile> matching =
        profiles.stream().filter(p -> selects(p, nodeLabels)).toList();
    if (matching.isEmpty()) {
      return new ProfileSelection.None();
    }
    if (matching.size() > 1) {
      return new ProfileSelection.Ambiguous(
          matching.stream().map(p -> p.getMetadata().getName()).sorted().toList());
    }
    IsolationProfile profile = matching.getFirst();
    try {
      return new ProfileSelection.Selected(profile, resolve(profile));
    } catch (InvalidResourceException e) {
      return new ProfileSelection.Invalid(profile.getMetadata().getName(), e.getMessage());
    }
  }

  private static String describe(IsolationProfile profile) {
    return "IsolationProfile "
        + (profile.getMetadata() == null ? "<unnamed>" : profile.getMetadata().getName());
  }

  private static Optional<CpuSet> explicitIsolated(String resource, IsolatedCpus isolated) {
    if (isolated == null || isolated.source() != IsolatedCpus.Source.Explicit) {
      return Optional.empty();
    }
    if (isolated.cpus() == null) {
      throw InvalidResourceException.field(
          resource, "spec.isolatedCpus.cpus", "is required when source is Explicit");
    }
    return Optional.of(cpus(resource, "spec.isolatedCpus.cpus", isolated.cpus()));
  }

  private static CpuSet cpus(String resource, String field, String list) {
    if (list == null) {
      throw InvalidResourceException.field(resource, field, "is required");
    }
    try {
      return CpuSet.parseNonEmpty(list);
    } catch (CpuListFormatException e) {
      throw new InvalidResourceException(resource + ": " + field + ": " + e.getMessage());
    }
  }

  private static ProbeSchedule probe(String resource, JitterProbeSpec spec) {
    if (spec == null) {
      return ProbeSchedule.DEFAULTS;
    }
    ProbeSchedule d = ProbeSchedule.DEFAULTS;
    Duration interval =
        seconds(
            resource,
            "spec.jitterProbe.intervalSeconds",
            spec.intervalSeconds(),
            d.interval(),
            10,
            86_400);
    Duration duration =
        seconds(
            resource,
            "spec.jitterProbe.durationSeconds",
            spec.durationSeconds(),
            d.duration(),
            1,
            600);
    if (duration.compareTo(interval) >= 0) {
      throw InvalidResourceException.field(
          resource,
          "spec.jitterProbe.durationSeconds",
          duration.toSeconds()
              + " must be shorter than spec.jitterProbe.intervalSeconds "
              + interval.toSeconds());
    }
    long threshold = d.thresholdNanos();
    if (spec.thresholdNanoseconds() != null) {
      threshold = spec.thresholdNanoseconds();
      if (threshold < 100 || threshold > 10_000_000L) {
        throw InvalidResourceException.field(
            resource,
            "spec.jitterProbe.thresholdNanoseconds",
            threshold + " is outside 100..10000000");
      }
    }
    return new ProbeSchedule(
        spec.enabled() == null || spec.enabled(), interval, duration, threshold);
  }

  // The CRD's bounds, checked again: an old CRD may have let other values through.
  private static Duration seconds(
      String resource, String field, Integer value, Duration fallback, int min, int max) {
    if (value == null) {
      return fallback;
    }
    long seconds = value;
    if (seconds < min || seconds > max) {
      throw InvalidResourceException.field(
          resource, field, seconds + " is outside " + min + ".." + max);
    }
    return Duration.ofSeconds(seconds);
  }

  private static OptionalLong quarantine(String resource, Long nanos) {
    if (nanos == null) {
      return OptionalLong.empty();
    }
    if (nanos < 1000) {
      throw InvalidResourceException.field(
          resource, "spec.quarantineThresholdNanoseconds", nanos + " is below the minimum 1000");
    }
    return OptionalLong.of(nanos);
  }
}
