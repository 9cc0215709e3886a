package io.isocore.agent.probe;

import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * The measurement loop: read a monotonic clock back to back and record every gap between two reads
 * at or above a threshold, as oslat and sysjitter do. A gap is time the CPU spent elsewhere: an
 * interrupt, a softirq, another task, an SMI, a hypervisor exit.
 *
 * <p>The loop allocates nothing, logs nothing and takes no lock: the clock is {@code
 * System::nanoTime} in production (an intrinsic over the vDSO's {@code
 * clock_gettime(CLOCK_MONOTONIC)}, about 20 ns; a downcall through FFM would add its own cost on
 * top), gaps go into a preallocated {@link Histogram} whose range covers any gap (larger ones are
 * clamped to its top), and the end time and the stop flag (a volatile read) are checked once every
 * {@link #CHECK_EVERY} iterations only.
 */
public final class JitterLoop {

  /** Iterations between two checks of the end time and the stop flag (a power of two). */
  static final int CHECK_EVERY = 1024;

  private static final long CHECK_MASK = CHECK_EVERY - 1;

  private JitterLoop() {}

  /**
   * Spins for {@code durationNanos} or until {@code stop} is requested.
   *
   * @param clock the monotonic clock, nanoseconds
   * @param durationNanos how long to spin
   * @param thresholdNanos gaps at or above this are counted and recorded
   * @param gaps where gaps are recorded (not reset here)
   * @param stop checked every {@link #CHECK_EVERY} iterations
   * @param out filled with the run's counters when the loop ends
   */
  public static void run(
      LongSupplier clock,
      long durationNanos,
      long thresholdNanos,
      Histogram gaps,
      StopSignal stop,
      LoopCounters out) {
    final long highest = gaps.getHighestTrackableValue();
    final long start = clock.getAsLong();
    final long end = start + durationNanos;
    long prev = start;
    long iterations = 0;
    long count = 0;
    long max = 0;
    long minPeriod = Long.MAX_VALUE;
    boolean stopped = false;
    while (true) {
      long now = clock.getAsLong();
      long gap = now - prev;
      prev = now;
      iterations++;
      if (gap < minPeriod) {
        minPeriod = gap;
      }
      if (gap >= thresholdNanos) {
        count++;
        if (gap > max) {
          max = gap;
        }
        gaps.recordValue(gap < highest ? gap : highest);
      }
      if ((iterations & CHECK_MASK) == 0) {
        if (now - end >= 0) {
          break;
        }
        if (stop.requested()) {
          stopped = true;
          break;
        }
      }
    }
    out.startNanos = start;
    out.endNanos = prev;
    out.iterations = iterations;
    out.gaps = count;
    out.maxGapNanos = max;
    out.minPeriodNanos = minPeriod;
    out.stopped = stopped;
  }
}
