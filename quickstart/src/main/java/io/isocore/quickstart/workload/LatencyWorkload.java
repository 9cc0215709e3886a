package io.isocore.quickstart.workload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Base64;
import java.util.BitSet;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/**
 * A stand-in for a trading engine's hot loop: one thread, {@value #HOT_THREAD}, spins reading the
 * monotonic clock and records every gap between two reads (the time the OS took the CPU away, plus
 * the loop's own period) in a histogram. Every second it writes its figures to the stats file named
 * by its first argument: {@code iterations max_ns p999_ns p9999_ns gaps_over_10us warm}, then its
 * own scheduler figures since it started: {@code nonvoluntary_switches runqueue_wait_ns life_ns
 * cpus} (from {@code /proc/thread-self/status} and {@code schedstat}). Beside it, in {@code
 * <stats>.hgrm}, the whole histogram (nanoseconds) on one line: HdrHistogram's compressed encoding
 * in base64, the payload of a {@code HistogramLogWriter} line, which the quickstart's summary
 * carries as {@code latency.histogram} for the report (docs/report.md).
 *
 * <p>Beside it, {@value #HOUSEKEEPING_THREAD} is always busy: the engine's other work (logging,
 * persisting, a GC under allocation), which shares the hot thread's CPU unless the pod asks for the
 * hot thread alone.
 *
 * <p>The hot thread alone: when {@code ISOCORE_EXCLUSIVE_CPUS} is set (a downward-API env var of
 * the pod's {@code isocore.io/exclusive-cpus.<container>} annotation) and the container may also
 * run elsewhere (its pod asked for {@code isocore.io/hot-thread}: its cpuset is its exclusive CPUs
 * plus the shared pool), the hot thread pins itself to the exclusive CPUs and the main thread keeps
 * every other thread of the JVM (GC, JIT compilers, those started later) on the rest, checking once
 * a second. Otherwise where it runs is up to its cgroup.
 */
public final class LatencyWorkload {

  /** The measuring thread's name (its native name, as {@code /proc/<pid>/task/<tid>/comm}). */
  public static final String HOT_THREAD = "isocore-hot";

  /** The always-busy housekeeping thread's name. */
  public static final String HOUSEKEEPING_THREAD = "isocore-side";

  private static final long WARM_UP_NANOS = 2_000_000_000L;
  private static final long REPORT_NANOS = 1_000_000_000L;

  private LatencyWorkload() {}

  public static void main(String[] args) throws Exception {
    long start = System.nanoTime();
    Path stats = Path.of(args[0]);
    BitSet allowed = ThreadAffinity.current();
    BitSet exclusive =
        ThreadAffinity.parse(System.getenv().getOrDefault("ISOCORE_EXCLUSIVE_CPUS", ""));
    BitSet rest = (BitSet) allowed.clone();
    rest.andNot(exclusive);
    BitSet others = rest;
    boolean alone = !exclusive.isEmpty() && !rest.isEmpty();
    // ISOCORE_HOT_THREAD_MODE=shared (the bench's "hot thread off"): every thread on the exclusive
    // CPUs, as in a pod that does not ask for the hot thread alone.
    if (alone && "shared".equals(System.getenv("ISOCORE_HOT_THREAD_MODE"))) {
      others = exclusive;
    }
    Thread housekeeping = new Thread(LatencyWorkload::housekeeping, HOUSEKEEPING_THREAD);
    housekeeping.setDaemon(true);
    housekeeping.start();
    AtomicInteger hotTid = new AtomicInteger(-1);
    Thread hot =
        new Thread(
            () -> {
              try {
                hotTid.set(ThreadAffinity.selfTid());
                if (alone && !ThreadAffinity.set(0, exclusive)) {
                  System.err.println(
                      "cannot pin the hot thread to " + ThreadAffinity.format(exclusive));
                }
                spin(stats, start);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            },
            HOT_THREAD);
    hot.start();
    if (!alone) {
      hot.join();
      return;
    }
    while (hot.isAlive()) {
      for (int tid : ThreadAffinity.tids()) {
        if (hotTid.get() == -1) {
          break;
        }
        // The hot thread too: its own first attempt fails when its cgroup did not yet hold the
        // exclusive CPUs (no start hook); setting an unchanged mask is a no-op in the kernel.
        ThreadAffinity.set(tid, tid == hotTid.get() ? exclusive : others);
      }
      Thread.sleep(1000);
    }
  }

  /** Sink of the housekeeping thread's work, so the JIT keeps it. */
  private static volatile long housekeepingSink;

  /**
   * The engine's housekeeping, always busy: a stand-in for the work a trading JVM does beside its
   * hot loop (logging, persisting, a GC under allocation). It shares the hot thread's CPU unless
   * the pod asked for the hot thread alone.
   */
  private static void housekeeping() {
    long x = 1;
    while (true) {
      for (int i = 0; i < 1_000_000; i++) {
        x = x * 6364136223846793005L + 1442695040888963407L;
      }
      housekeepingSink = x;
    }
  }

  private static void spin(Path stats, long start) throws IOException {
    Histogram histogram = new Histogram(1, 10_000_000_000L, 3);
    long lastReport = start;
    long previous = System.nanoTime();
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
        write(stats, histogram, iterations, gapsOver10us, warm, now - start);
        lastReport = System.nanoTime();
        previous = lastReport;
      }
    }
  }

  /** Reused by the hot thread for the histogram's compressed form (grown when too small). */
  private static ByteBuffer encoded = ByteBuffer.allocate(0);

  /** The histogram file beside {@code stats}: {@code <stats>.hgrm}. */
  public static Path histogramFile(Path stats) {
    return stats.resolveSibling(stats.getFileName() + ".hgrm");
  }

  /**
   * Writes the figures line to {@code stats} and, once warm, the histogram to {@link
   * #histogramFile}, each replaced atomically; the histogram first, so a reader that reads the line
   * first never gets an older histogram.
   */
  static void write(
      Path stats, Histogram h, long iterations, long gaps, boolean warm, long lifeNanos)
      throws IOException {
    if (warm) {
      replace(histogramFile(stats), encode(h) + "\n");
    }
    long[] sched = ThreadAffinity.schedFigures();
    String line =
        String.format(
            Locale.ROOT,
            "%d %d %d %d %d %s %d %d %d %s%n",
            iterations,
            h.getTotalCount() == 0 ? 0 : h.getMaxValue(),
            h.getValueAtPercentile(99.9),
            h.getValueAtPercentile(99.99),
            gaps,
            warm,
            sched[0],
            sched[1],
            lifeNanos,
            ThreadAffinity.format(ThreadAffinity.current()));
    replace(stats, line);
  }

  private static void replace(Path file, String content) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, content);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** {@code encodeIntoCompressedByteBuffer}, then base64 of the bytes written. */
  static String encode(Histogram h) {
    int needed = h.getNeededByteBufferCapacity();
    if (encoded.capacity() < needed) {
      encoded = ByteBuffer.allocate(needed);
    }
    encoded.clear();
    int length = h.encodeIntoCompressedByteBuffer(encoded);
    return Base64.getEncoder().encodeToString(Arrays.copyOf(encoded.array(), length));
  }
}
