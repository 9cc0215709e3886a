package io.isocore.agent.probe;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * One probe window measured as a run of {@link #SEGMENT_NANOS} segments. A stop-the-world garbage
 * collection halts the probe thread too and would be reported as OS jitter, so a segment during
 * which the JVM collected garbage is left out, not the whole window: an agent collects every few
 * seconds while it starts (informers filling their caches), which would otherwise drop every window
 * of several seconds. The time between two segments (the GC count, merging the histogram) is
 * neither measured nor counted: each segment's loop reads its own start, and the window spins until
 * its segments add up to its length. A window that kept less than half its length is dropped.
 */
final class SegmentedWindow {

  /** Length of one segment. */
  static final long SEGMENT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  /** How a window ended. */
  enum Outcome {
    /** At least half the window was measured; {@link #totals()} and the histogram hold it. */
    MEASURED,
    /** Stopped (its CPU became held, or shutdown). */
    STOPPED,
    /** Garbage collections took more than half of the window. */
    GC
  }

  private final Histogram segmentGaps;
  private final LoopCounters segment = new LoopCounters();
  private final LoopCounters totals = new LoopCounters();
  private long droppedSegments;

  SegmentedWindow(long highestTrackableNanos) {
    this.segmentGaps = new Histogram(highestTrackableNanos, 3);
  }

  /**
   * Measures one window into {@code window} (reset first).
   *
   * @param clock the monotonic clock
   * @param gcCount garbage collections of this JVM so far
   * @param durationNanos how long to spin, left-out segments included
   * @param thresholdNanos gaps at or above this are counted
   * @param window receives the gaps of the segments kept
   * @param stop checked during every segment
   */
  Outcome run(
      LongSupplier clock,
      LongSupplier gcCount,
      long durationNanos,
      long thresholdNanos,
      Histogram window,
      StopSignal stop) {
    window.reset();
    droppedSegments = 0;
    long measured = 0;
    long iterations = 0;
    long gaps = 0;
    long max = 0;
    long minPeriod = Long.MAX_VALUE;
    long spun = 0;
    while (spun < durationNanos) {
      segmentGaps.reset();
      long gcBefore = gcCount.getAsLong();
      JitterLoop.run(
          clock,
          Math.min(SEGMENT_NANOS, durationNanos - spun),
          thresholdNanos,
          segmentGaps,
          stop,
          segment);
      spun += segment.elapsedNanos();
      if (segment.stopped) {
        return Outcome.STOPPED;
      }
      if (gcCount.getAsLong() != gcBefore) {
        droppedSegments++;
        continue;
      }
      window.add(segmentGaps);
      measured += segment.elapsedNanos();
      iterations += segment.iterations;
      gaps += segment.gaps;
      max = Math.max(max, segment.maxGapNanos);
      minPeriod = Math.min(minPeriod, segment.minPeriodNanos);
    }
    totals.startNanos = 0;
    totals.endNanos = measured;
    totals.iterations = iterations;
    totals.gaps = gaps;
    totals.maxGapNanos = max;
    totals.minPeriodNanos = minPeriod;
    totals.stopped = false;
    return 2 * measured >= durationNanos ? Outcome.MEASURED : Outcome.GC;
  }

  /** The kept segments together: elapsed = the time measured. */
  LoopCounters totals() {
    return totals;
  }

  /** Segments left out of the last window because the JVM collected garbage during them. */
  long droppedSegments() {
    return droppedSegments;
  }
}
