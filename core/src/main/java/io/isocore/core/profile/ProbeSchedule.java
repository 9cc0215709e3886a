package io.isocore.core.profile;

import java.time.Duration;
import java.util.Objects;

/**
 * When and how the jitter probe measures idle isolated CPUs.
 *
 * @param enabled whether to probe at all
 * @param interval time between two windows on one CPU
 * @param duration length of one window
 * @param thresholdNanos gaps at or above this many nanoseconds are counted
 */
public record ProbeSchedule(
    boolean enabled, Duration interval, Duration duration, long thresholdNanos) {

  /** The CRD defaults: enabled, a 10 s window every 300 s, gaps of 1 µs and more counted. */
  public static final ProbeSchedule DEFAULTS =
      new ProbeSchedule(true, Duration.ofSeconds(300), Duration.ofSeconds(10), 1000);

  /** Rejects nulls. */
  public ProbeSchedule {
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(duration, "duration");
  }
}
