package io.isocore.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * A window of 250 ms is three segments (100, 100, 50 ms); the fake clock advances 100 ns a read, so
 * read one million falls in the first segment and read 1.8 million in the second.
 */
class SegmentedWindowTest {

  private static final long WINDOW = TimeUnit.MILLISECONDS.toNanos(250);

  private final AtomicLong gcCount = new AtomicLong();
  private final Histogram window = new Histogram(JitterProbe.HIGHEST_TRACKABLE_NANOS, 3);
  private final SegmentedWindow segments = new SegmentedWindow(JitterProbe.HIGHEST_TRACKABLE_NANOS);

  @Test
  void aSegmentDuringWhichTheJvmCollectedGarbageIsLeftOutAndTheRestKept() {
    StepClock clock =
        new StepClock(100)
            .actionAt(500_000, gcCount::incrementAndGet)
            .gapAt(600_000, 7_000_000) // the GC pause, seen by the loop: must not count
            .gapAt(1_800_000, 3_000_000); // a real gap in a kept segment

    SegmentedWindow.Outcome outcome =
        segments.run(clock, gcCount::get, WINDOW, 1_000, window, new StopSignal());

    assertThat(outcome).isEqualTo(SegmentedWindow.Outcome.MEASURED);
    assertThat(segments.droppedSegments()).isEqualTo(1);
    LoopCounters kept = segments.totals();
    assertThat(kept.gaps).isEqualTo(1);
    assertThat(kept.maxGapNanos).isEqualTo(3_000_100);
    assertThat(window.getTotalCount()).isEqualTo(1);
    assertThat(window.getMaxValue()).isBetween(3_000_000L, 3_010_000L);
    // The two kept segments: 100 + 50 ms, give or take one check (1024 reads) per segment; the
    // dropped one (and its 7 ms pause) is not measured.
    long ms150 = TimeUnit.MILLISECONDS.toNanos(150);
    assertThat(kept.elapsedNanos()).isBetween(ms150 - 3 * 102_400, ms150 + 3 * 102_400);
    assertThat(kept.iterations).isBetween(1_400_000L, 1_510_000L);
  }

  @Test
  void aWindowWithGarbageCollectionsInMoreThanHalfOfItIsDropped() {
    StepClock clock =
        new StepClock(100)
            .actionAt(500_000, gcCount::incrementAndGet)
            .actionAt(1_500_000, gcCount::incrementAndGet);

    assertThat(segments.run(clock, gcCount::get, WINDOW, 1_000, window, new StopSignal()))
        .isEqualTo(SegmentedWindow.Outcome.GC);
    assertThat(segments.droppedSegments()).isEqualTo(2);
  }

  @Test
  void aStopEndsTheWindow() {
    StopSignal stop = new StopSignal();
    StepClock clock = new StepClock(100).actionAt(1_200_000, stop::request);

    assertThat(segments.run(clock, gcCount::get, WINDOW, 1_000, window, stop))
        .isEqualTo(SegmentedWindow.Outcome.STOPPED);
    assertThat(clock.reads()).isLessThan(1_200_000 + 2 * JitterLoop.CHECK_EVERY);
  }
}
