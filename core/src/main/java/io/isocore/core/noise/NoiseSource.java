package io.isocore.core.noise;

/**
 * One source's part of a CPU's noise over a window.
 *
 * @param name the source ({@code LOC}, {@code 36:virtio1-req.0}, {@code RCU}, a thread's comm,
 *     {@code steal}, {@code other})
 * @param kind its kind
 * @param events interruptions counted in the window (0 where only time is known: steal, threads)
 * @param seconds time attributed to it: exact, or its share of the probe's measured gap time, or
 *     (no probe) the cost estimate
 * @param share its fraction of the CPU's attributed noise, 0..1; shares of a CPU sum to 1
 * @param method {@code exact} or {@code correlation}
 * @param fix what isocore recommends, empty when nothing is known
 */
public record NoiseSource(
    String name,
    SourceKind kind,
    long events,
    double seconds,
    double share,
    String method,
    String fix) {

  /** Attribution from a kernel that measured the source ({@code osnoise}, IRQ time accounting). */
  public static final String EXACT = "exact";

  /** Attribution by correlating events with the window; an estimate, not a measurement. */
  public static final String CORRELATION = "correlation";
}
