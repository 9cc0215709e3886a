package io.isocore.agent.probe;

import io.isocore.api.v1alpha1.JitterProbeSpec;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An IsolationProfile's probe schedule, with the CRD's defaults applied.
 *
 * @param enabled whether to probe at all
 * @param interval time between two windows on one CPU
 * @param duration length of one window
 * @param thresholdNanos gaps at or above this are counted
 * @param quarantineNanos a CPU whose last window's max exceeds this is quarantined; empty: never
 */
public record ProbeSettings(
    boolean enabled,
    Duration interval,
    Duration duration,
    long thresholdNanos,
    OptionalLong quarantineNanos) {

  /** The CRD defaults: enabled, every 300 s, 10 s windows, 1 µs threshold, no quarantine. */
  public static final ProbeSettings DEFAULTS =
      new ProbeSettings(
          true, Duration.ofSeconds(300), Duration.ofSeconds(10), 1000, OptionalLong.empty());

  /** Reads a profile's spec; null fields take the CRD defaults. */
  public static ProbeSettings from(JitterProbeSpec spec, Long quarantineThresholdNanoseconds) {
    JitterProbeSpec s =
        Optional.ofNullable(spec).orElse(new JitterProbeSpec(null, null, null, null));
    return new ProbeSettings(
        s.enabled() == null || s.enabled(),
        s.intervalSeconds() == null ? DEFAULTS.interval : Duration.ofSeconds(s.intervalSeconds()),
        s.durationSeconds() == null ? DEFAULTS.duration : Duration.ofSeconds(s.durationSeconds()),
        s.thresholdNanoseconds() == null ? DEFAULTS.thresholdNanos : s.thresholdNanoseconds(),
        quarantineThresholdNanoseconds == null
            ? OptionalLong.empty()
            : OptionalLong.of(quarantineThresholdNanoseconds));
  }
}
