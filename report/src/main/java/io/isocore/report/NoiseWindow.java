package io.isocore.report;

import java.util.List;

/**
 * The noise on one CPU during one window.
 *
 * @param atSeconds when the window started, seconds from the start of the run
 * @param windowSeconds how long the window lasted
 * @param cpu the CPU
 * @param sources the sources seen in the window
 */
public record NoiseWindow(
    double atSeconds, double windowSeconds, int cpu, List<NoiseSource> sources) {

  public NoiseWindow {
    if (!(windowSeconds > 0)) {
      throw new IllegalArgumentException(
          "noise window at " + atSeconds + " s on CPU " + cpu + ": windowSeconds must be > 0");
    }
    sources = List.copyOf(sources);
  }
}
