package io.isocore.quickstart.view;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The latency workload's own figures, as it last wrote them.
 *
 * @param iterations loop iterations measured
 * @param maxNanos the longest gap
 * @param p999Nanos the 99.9th percentile gap
 * @param p9999Nanos the 99.99th percentile gap
 * @param gapsOver10us gaps of 10 µs or more
 */
public record LatencyStats(
    long iterations, long maxNanos, long p999Nanos, long p9999Nanos, long gapsOver10us) {

  /** Reads the stats file; empty until the workload has warmed up and reported. */
  public static Optional<LatencyStats> read(Path file) {
    try {
      String[] f = Files.readString(file).trim().split("\\s+");
      if (f.length < 6 || !Boolean.parseBoolean(f[5])) {
        return Optional.empty();
      }
      return Optional.of(
          new LatencyStats(
              Long.parseLong(f[0]),
              Long.parseLong(f[1]),
              Long.parseLong(f[2]),
              Long.parseLong(f[3]),
              Long.parseLong(f[4])));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
