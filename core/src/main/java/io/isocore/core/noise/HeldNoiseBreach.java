package io.isocore.core.noise;

import java.util.Locale;
import java.util.Optional;

/**
 * A held CPU above its SLO for long enough, with the figures of the window that made it noisy.
 *
 * @param cpu the CPU
 * @param kind what breached
 * @param value the measured value
 * @param limit the SLO's limit
 * @param seconds how long the breach had lasted
 * @param topSource the source most likely behind it, when attribution named one
 */
public record HeldNoiseBreach(
    int cpu,
    HeldNoiseKind kind,
    double value,
    long limit,
    long seconds,
    Optional<NoiseSource> topSource) {

  /**
   * What a human reads: {@code CPU 3: 1,840 interrupts/s (SLO 500) for 30 s; top source:
   * 45:eth0-rx-3 (irq), 62%}.
   */
  public String message() {
    String head =
        String.format(
            Locale.ROOT,
            "CPU %d: %,.0f %s (SLO %,d) for %d s",
            cpu,
            value,
            kind.unit(),
            limit,
            seconds);
    return topSource
        .map(
            s ->
                head
                    + String.format(
                        Locale.ROOT,
                        "; top source: %s (%s), %.0f%%",
                        s.name(),
                        s.kind().label(),
                        s.share() * 100))
        .orElse(head + "; no source attributed");
  }
}
