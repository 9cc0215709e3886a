package io.isocore.bench.agent;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Benchmark entry point (not a test): the cost of one clock read, System.nanoTime() against
 * clock_gettime(CLOCK_MONOTONIC) called through FFM (with and without the critical-call option),
 * which decides the probe's clock. Usage: {@code ClockCostBench [millionsOfReads]}.
 */
public final class ClockCostBench {

  private static final int CLOCK_MONOTONIC = 1;

  private ClockCostBench() {}

  /** Prints ns per read for each clock, best of five rounds. */
  public static void main(String[] args) throws Throwable {
    long reads = (args.length > 0 ? Long.parseLong(args[0]) : 50) * 1_000_000L;
    Linker linker = Linker.nativeLinker();
    MemorySegment fn = linker.defaultLookup().find("clock_gettime").orElseThrow();
    FunctionDescriptor fd = FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS);
    MethodHandle plain = linker.downcallHandle(fn, fd);
    MethodHandle critical = linker.downcallHandle(fn, fd, Linker.Option.critical(false));
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment ts = arena.allocate(16, 8);
      for (int round = 0; round < 2; round++) { // first round warms up
        double nano = best(() -> nanoTime(reads), reads);
        double ffm = best(() -> ffm(plain, ts, reads), reads);
        double ffmCritical = best(() -> ffm(critical, ts, reads), reads);
        if (round == 1) {
          System.out.printf(
              "{\"System.nanoTime_ns\":%.1f,\"ffm_clock_gettime_ns\":%.1f,"
                  + "\"ffm_clock_gettime_critical_ns\":%.1f}%n",
              nano, ffm, ffmCritical);
        }
      }
    }
  }

  private interface Run {
    long run() throws Throwable;
  }

  private static double best(Run r, long reads) throws Throwable {
    double best = Double.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      long t0 = System.nanoTime();
      long sink = r.run();
      long t1 = System.nanoTime();
      if (sink == 42) {
        System.out.print("");
      }
      best = Math.min(best, (double) (t1 - t0) / reads);
    }
    return best;
  }

  private static long nanoTime(long reads) {
    long x = 0;
    for (long i = 0; i < reads; i++) {
      x += System.nanoTime();
    }
    return x;
  }

  private static long ffm(MethodHandle h, MemorySegment ts, long reads) throws Throwable {
    long x = 0;
    for (long i = 0; i < reads; i++) {
      int rc = (int) h.invokeExact(CLOCK_MONOTONIC, ts);
      x += rc + ts.get(JAVA_LONG, 8);
    }
    return x;
  }
}
