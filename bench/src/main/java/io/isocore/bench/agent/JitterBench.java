package io.isocore.bench.agent;

import io.isocore.agent.probe.Affinity;
import io.isocore.agent.probe.JitterLoop;
import io.isocore.agent.probe.LoopCounters;
import io.isocore.agent.probe.StopSignal;
import io.isocore.core.cpu.CpuSet;
import org.HdrHistogram.Histogram;

/**
 * Benchmark entry point (not a test): runs isocore's probe loop, pinned through FFM like the agent
 * does, on one CPU for a fixed time and prints one JSON line with the figures bench/jitter compares
 * against oslat. Usage: {@code JitterBench <cpu> <seconds> [warmupSeconds]}.
 */
public final class JitterBench {

  private JitterBench() {}

  /** Runs one window and prints its figures. */
  public static void main(String[] args) {
    int cpu = Integer.parseInt(args[0]);
    long seconds = Long.parseLong(args[1]);
    double warmupSeconds = args.length > 2 ? Double.parseDouble(args[2]) : 2;
    long threshold = 1_000; // record every gap of 1 µs or more, like oslat's first bucket edge
    Histogram gaps = new Histogram(10_000_000_000L, 3);
    LoopCounters c = new LoopCounters();
    StopSignal stop = new StopSignal();

    Affinity.setCurrentThread(CpuSet.of(cpu));
    long chunk = (long) (warmupSeconds * 1e9 / 10);
    for (int i = 0; i < 10; i++) {
      JitterLoop.run(System::nanoTime, chunk, threshold, gaps, stop, c);
    }
    gaps.reset();
    JitterLoop.run(System::nanoTime, seconds * 1_000_000_000L, threshold, gaps, stop, c);

    long recorded = gaps.getTotalCount();
    long rank = (long) Math.ceil(0.999 * c.iterations());
    long below = c.iterations() - recorded;
    String p999 =
        rank <= below
            ? "\"<1000\""
            : Long.toString(gaps.getValueAtPercentile(100.0 * (rank - below) / recorded));
    System.out.printf(
        "{\"tool\":\"isocore\",\"cpu\":%d,\"elapsed_ns\":%d,\"iterations\":%d,"
            + "\"min_period_ns\":%d,\"avg_period_ns\":%.2f,\"max_ns\":%d,\"p999_all_loops_ns\":%s,"
            + "\"gaps_ge_1us\":%d,\"gaps_ge_10us\":%d,\"gaps_ge_100us\":%d,\"p9999_of_gaps_ns\":%d}%n",
        cpu,
        c.elapsedNanos(),
        c.iterations(),
        c.minPeriodNanos(),
        (double) c.elapsedNanos() / c.iterations(),
        c.maxGapNanos(),
        p999,
        recorded,
        countAtOrAbove(gaps, 10_000),
        countAtOrAbove(gaps, 100_000),
        recorded == 0 ? 0 : gaps.getValueAtPercentile(99.99));
    System.out.println(oslatStyleHistogram(gaps, c));
  }

  /**
   * The same figures in oslat's JSON shape (1 µs buckets: key k counts loops in [k-1, k) µs, the
   * last key also every longer loop), so that bench/jitter/summarize.py reads both tools alike.
   */
  private static String oslatStyleHistogram(Histogram gaps, LoopCounters c) {
    int buckets = 64;
    long[] counts = new long[buckets + 1];
    counts[1] = c.iterations() - gaps.getTotalCount(); // below the 1 µs recording threshold
    for (var v : gaps.recordedValues()) {
      int k = (int) Math.min(buckets, v.getValueIteratedTo() / 1000 + 1);
      counts[k] += v.getCountAddedInThisIterationStep();
    }
    StringBuilder h = new StringBuilder();
    for (int k = 1; k <= buckets; k++) {
      if (counts[k] > 0) {
        h.append(h.isEmpty() ? "" : ", ").append('"').append(k).append("\": ").append(counts[k]);
      }
    }
    return String.format(
        "{\"thread\": {\"0\": {\"max\": %.3f, \"duration\": %.3f, \"histogram\": {%s}}}}",
        c.maxGapNanos() / 1000.0, c.elapsedNanos() / 1e9, h);
  }

  private static long countAtOrAbove(Histogram h, long nanos) {
    return h.getTotalCount() == 0 || h.getMaxValue() < nanos
        ? 0
        : h.getCountBetweenValues(nanos, h.getMaxValue());
  }
}
