package io.isocore.core.noise;

/**
 * What is measured on a CPU a pod holds (no probe runs there), each with its SLO limit in {@link
 * HeldCpuSlo}.
 */
public enum HeldNoiseKind {
  /** Interrupts per second on the CPU, every {@code /proc/interrupts} line summed. */
  INTERRUPTS("InterruptsAboveSlo", "interrupts/s", "maxInterruptsPerSecond"),
  /** The owner's involuntary context switches per second on the CPU. */
  INVOLUNTARY_SWITCHES(
      "InvoluntarySwitchesAboveSlo", "involuntary switches/s", "maxInvoluntarySwitchesPerSecond"),
  /** Milliseconds per second the owner's threads on the CPU waited on the run queue. */
  RUN_QUEUE_WAIT(
      "RunQueueWaitAboveSlo", "ms run-queue wait/s", "maxRunQueueWaitMillisecondsPerSecond");

  private final String reason;
  private final String unit;
  private final String field;

  HeldNoiseKind(String reason, String unit, String field) {
    this.reason = reason;
    this.unit = unit;
    this.field = field;
  }

  /** The {@code Noisy} condition's reason when this kind breaches (PascalCase). */
  public String reason() {
    return reason;
  }

  /** The unit as a message prints it after the figure. */
  public String unit() {
    return unit;
  }

  /** The IsolationProfile field under {@code spec.heldCpuNoise} holding this kind's limit. */
  public String field() {
    return field;
  }
}
