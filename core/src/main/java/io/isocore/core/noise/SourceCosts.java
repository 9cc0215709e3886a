package io.isocore.core.noise;

/**
 * Per-event cost estimates used by correlation: how long one interruption of a kind typically takes
 * a CPU away, in nanoseconds. They weight event counts into shares; they are estimates (orders of
 * magnitude from osnoise traces on x86 servers and VMs), which is why correlation says so.
 */
public final class SourceCosts {

  private SourceCosts() {}

  /** Estimated nanoseconds per interrupt of row {@code name} ({@code device}: a numbered IRQ). */
  public static long irqNanos(String name, boolean device) {
    if (device) {
      return 4_000;
    }
    return switch (name) {
      case "LOC" -> 2_500;
      case "RES" -> 1_000;
      case "CAL", "TLB" -> 2_000;
      case "NMI", "PMI" -> 3_000;
      default -> 1_500;
    };
  }

  /** Estimated nanoseconds per softirq of class {@code name}. */
  public static long softirqNanos(String name) {
    return switch (name) {
      case "NET_RX", "NET_TX" -> 8_000;
      case "BLOCK" -> 5_000;
      case "RCU", "SCHED" -> 3_000;
      case "TIMER", "HRTIMER" -> 2_000;
      default -> 2_500;
    };
  }
}
