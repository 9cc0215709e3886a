package io.isocore.core.noise;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What one measurement window saw on a held CPU.
 *
 * @param cpu the CPU
 * @param interruptsPerSecond every {@code /proc/interrupts} line's increase on the CPU, per second
 * @param involuntarySwitchesPerSecond the owner's threads on the CPU; empty when none was readable
 * @param runQueueWaitMillisPerSecond the owner's threads' run-queue wait on the CPU, ms per second;
 *     empty when none was readable (no schedstat)
 * @param sources the CPU's noise sources over the window, largest share first (the owner's threads
 *     left out), from {@link NoiseAttribution}
 */
public record HeldCpuSample(
    int cpu,
    double interruptsPerSecond,
    OptionalDouble involuntarySwitchesPerSecond,
    OptionalDouble runQueueWaitMillisPerSecond,
    List<NoiseSource> sources) {

  /** Copies the sources. */
  public HeldCpuSample {
    sources = List.copyOf(sources);
  }

  /** The measured value of {@code kind}; empty when it could not be measured. */
  public OptionalDouble value(HeldNoiseKind kind) {
    return switch (kind) {
      case INTERRUPTS -> OptionalDouble.of(interruptsPerSecond);
      case INVOLUNTARY_SWITCHES -> involuntarySwitchesPerSecond;
      case RUN_QUEUE_WAIT -> runQueueWaitMillisPerSecond;
    };
  }

  /**
   * The source most likely behind a breach of {@code kind}: the top interrupt or softirq line for
   * interrupts, the top other thread for the owner's switches and waits (who took the CPU), else
   * the top source of any kind.
   */
  public Optional<NoiseSource> topSourceFor(HeldNoiseKind kind) {
    Optional<NoiseSource> match =
        sources.stream()
            .filter(s -> s.kind() != SourceKind.OTHER)
            .filter(
                s ->
                    kind == HeldNoiseKind.INTERRUPTS
                        ? s.kind() == SourceKind.IRQ || s.kind() == SourceKind.SOFTIRQ
                        : s.kind() == SourceKind.THREAD)
            .findFirst();
    return match.or(() -> sources.stream().filter(s -> s.kind() != SourceKind.OTHER).findFirst());
  }
}
