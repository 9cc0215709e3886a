package io.isocore.agent.noise;

import java.util.Optional;

/**
 * What the busy probe measured on one CPU over the window.
 *
 * @param cpu the CPU
 * @param gaps gaps at or above the threshold (-1 when it could not run there)
 * @param gapNanos their total time
 * @param maxGapNanos the longest
 * @param tid the probe thread's id, to leave it out of the thread sources (-1 when unknown)
 * @param error why the probe did not run on the CPU
 */
public record ProbeOutcome(
    int cpu, long gaps, long gapNanos, long maxGapNanos, long tid, Optional<String> error) {

  /** The probe could not run on {@code cpu}. */
  static ProbeOutcome failed(int cpu, String why) {
    return new ProbeOutcome(cpu, -1, 0, 0, -1, Optional.of(why));
  }
}
