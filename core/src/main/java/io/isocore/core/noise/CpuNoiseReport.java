package io.isocore.core.noise;

import java.util.List;

/**
 * One CPU's noise over a window, by source.
 *
 * @param cpu the CPU id
 * @param windowSeconds the window's length
 * @param gaps gaps the probe measured (-1: no probe ran on the CPU)
 * @param gapSeconds their total time (0 without a probe)
 * @param method {@code exact} when every share was measured by the kernel, else {@code correlation}
 * @param sources the top sources then {@code other}, largest share first
 */
public record CpuNoiseReport(
    int cpu,
    double windowSeconds,
    long gaps,
    double gapSeconds,
    String method,
    List<NoiseSource> sources) {

  /** Copies the sources. */
  public CpuNoiseReport {
    sources = List.copyOf(sources);
  }
}
