package io.isocore.quickstart.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.isocore.quickstart.workload.LatencyWorkload;
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
 * @param histogram every gap: the workload's HdrHistogram (nanoseconds), compressed and
 *     base64-encoded as the report reads it ({@code latency.histogram}, docs/report.md); null when
 *     the workload wrote none
 */
public record LatencyStats(
    long iterations,
    long maxNanos,
    long p999Nanos,
    long p9999Nanos,
    long gapsOver10us,
    @JsonInclude(JsonInclude.Include.NON_NULL) String histogram) {

  /** Figures without the histogram. */
  public LatencyStats(
      long iterations, long maxNanos, long p999Nanos, long p9999Nanos, long gapsOver10us) {
    this(iterations, maxNanos, p999Nanos, p9999Nanos, gapsOver10us, null);
  }

  /**
   * Reads the stats file, then the histogram beside it ({@link LatencyWorkload#histogramFile}; the
   * workload writes it first, so it is never older than the line read); empty until the workload
   * has warmed up and reported.
   */
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
              Long.parseLong(f[4]),
              histogram(LatencyWorkload.histogramFile(file))));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static String histogram(Path file) {
    try {
      String line = Files.readString(file).strip();
      return line.isEmpty() ? null : line;
    } catch (IOException e) {
      return null;
    }
  }
}
