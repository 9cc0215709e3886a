package io.isocore.core.noise;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The noise a held CPU may show (IsolationProfile {@code spec.heldCpuNoise}): a limit per {@link
 * HeldNoiseKind} (absent: not checked) and how long a breach must last before the CPU counts as
 * noisy, which is also how long it must stay clean to count as clean again.
 *
 * @param limits the limit of each checked kind, at least one
 * @param forSeconds how long a breach (and, after one, a clean spell) must last
 */
public record HeldCpuSlo(Map<HeldNoiseKind, Long> limits, long forSeconds) {

  /** Bounds of each field, the same as the CRD schema's (an older CRD may not enforce them). */
  public static final long MAX_INTERRUPTS = 10_000_000L;

  /** Upper bound of {@code maxInvoluntarySwitchesPerSecond}. */
  public static final long MAX_SWITCHES = 1_000_000L;

  /** Upper bound of {@code maxRunQueueWaitMillisecondsPerSecond}: the whole second. */
  public static final long MAX_WAIT_MILLIS = 1_000L;

  /** Shortest {@code forSeconds}: the agent measures in windows of about 10 s. */
  public static final long MIN_FOR_SECONDS = 10L;

  /** Longest {@code forSeconds}: one day. */
  public static final long MAX_FOR_SECONDS = 86_400L;

  /** Default {@code forSeconds}. */
  public static final long DEFAULT_FOR_SECONDS = 60L;

  /** Copies the limits and checks them. */
  public HeldCpuSlo {
    limits = Map.copyOf(limits);
    if (limits.isEmpty()) {
      throw new IllegalArgumentException("an SLO needs at least one limit");
    }
  }

  /**
   * Reads the profile's fields; empty when no limit is set (no SLO).
   *
   * @throws IllegalArgumentException naming the field ({@code spec.heldCpuNoise.forSeconds}) and
   *     the allowed range when a value is out of bounds
   */
  public static Optional<HeldCpuSlo> of(
      Long maxInterruptsPerSecond,
      Long maxInvoluntarySwitchesPerSecond,
      Long maxRunQueueWaitMillisecondsPerSecond,
      Long forSeconds) {
    Map<HeldNoiseKind, Long> limits = new java.util.EnumMap<>(HeldNoiseKind.class);
    put(limits, HeldNoiseKind.INTERRUPTS, maxInterruptsPerSecond, MAX_INTERRUPTS);
    put(limits, HeldNoiseKind.INVOLUNTARY_SWITCHES, maxInvoluntarySwitchesPerSecond, MAX_SWITCHES);
    put(
        limits,
        HeldNoiseKind.RUN_QUEUE_WAIT,
        maxRunQueueWaitMillisecondsPerSecond,
        MAX_WAIT_MILLIS);
    long duration = forSeconds == null ? DEFAULT_FOR_SECONDS : forSeconds;
    check("forSeconds", duration, MIN_FOR_SECONDS, MAX_FOR_SECONDS);
    return limits.isEmpty() ? Optional.empty() : Optional.of(new HeldCpuSlo(limits, duration));
  }

  /** The limit of {@code kind}; empty when it is not checked. */
  public OptionalLong limit(HeldNoiseKind kind) {
    Long v = limits.get(kind);
    return v == null ? OptionalLong.empty() : OptionalLong.of(v);
  }

  private static void put(Map<HeldNoiseKind, Long> limits, HeldNoiseKind kind, Long v, long max) {
    if (v != null) {
      check(kind.field(), v, 1, max);
      limits.put(kind, v);
    }
  }

  private static void check(String field, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          "spec.heldCpuNoise."
              + field
              + " is "
              + value
              + ", expected "
              + min
              + " to "
              + max
              + "; the held-CPU noise SLO is not applied until it is fixed");
    }
  }
}
