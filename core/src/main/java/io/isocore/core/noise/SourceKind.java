package io.isocore.core.noise;

/** What kind of thing took a CPU away from its owner. */
public enum SourceKind {
  /** A hardware or inter-processor interrupt line of {@code /proc/interrupts}. */
  IRQ("irq"),
  /** A softirq class of {@code /proc/softirqs}. */
  SOFTIRQ("softirq"),
  /** Another thread that ran on the CPU. */
  THREAD("thread"),
  /** Time the hypervisor ran something else ({@code steal} in {@code /proc/stat}). */
  STEAL("steal"),
  /** Noise the hardware or NMIs caused (osnoise's HW and NMI classes). */
  HARDWARE("hardware"),
  /** The sum of every source below the top N. */
  OTHER("other");

  private final String label;

  SourceKind(String label) {
    this.label = label;
  }

  /** The lower-case name used in JSON and metrics. */
  public String label() {
    return label;
  }
}
