package io.isocore.quickstart.workload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * A stand-in for a trading engine's hot loop: one thread spins reading the monotonic clock and
 * records every gap between two reads (the time the OS took the CPU away, plus the loop's own
 * period) in a histogram. Every second it writes its figures to the stats file named by its first
 * argument: {@code iterations max_ns p999_ns p9999_ns gaps_over_10us warm}. Where it runs is up to
 * its cgroup: isocore pins it, it does not pin itself.
 */
public final class LatencyWorkload {

  private static final long WARM_UP_NANOS = 2_000_000_000L;
  private static final long REPORT_NANOS = 1_000_000_000L;

  private LatencyWorkload() {}

  public static void main(String[] args) throws IOException {
    Path stats = Path.of(args[0]);
    Histogram histogram = new Histogram(1, 10_000_000_000L, 3);
    long start = System.nanoTime();
    long lastReport = start;
    long previous = start;
    long iterations = 0;
    long gapsOver10us = 0;
    boolean warm = false;
    while (true) {
      long now = System.nanoTime();
      long gap = now - previous;
      previous = now;
      if (warm) {
        histogram.recordValue(Math.max(1, Math.min(gap, 10_000_000_000L)));
        iterations++;
        if (gap >= 10_000) {
          gapsOver10us++;
        }
      } else if (now - start >= WARM_UP_NANOS) {
        warm = true;
        lastReport = now;
      }
      if (now - lastReport >= REPORT_NANOS) {
        write(stats, histogram, iterations, gapsOver10us, warm);
        lastReport = System.nanoTime();
        previous = lastReport;
      }
    }
  }

  private static void write(Path stats, Histogram h, long iterations, long gaps, boolean warm)
      throws IOException {
    String line =
        String.format(
            Locale.ROOT,
            "%d %d %d %d %d %s%n",
            iterations,
            h.getTotalCount() == 0 ? 0 : h.getMaxValue(),
            h.getValueAtPercentile(99.9),
            h.getValueAtPercentile(99.99),
            gaps,
            warm);
    Path tmp = stats.resolveSibling(stats.getFileName() + ".tmp");
    Files.writeString(tmp, line);
    Files.move(tmp, stats, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
