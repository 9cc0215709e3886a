package io.isocore.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class JitterLoopTest {

  private final Histogram gaps = new Histogram(JitterProbe.HIGHEST_TRACKABLE_NANOS, 3);
  private final LoopCounters out = new LoopCounters();
  private final StopSignal stop = new StopSignal();

  @Test
  void recordsOnlyGapsAtOrAboveTheThreshold() {
    StepClock clock = new StepClock(20).gapAt(100, 5_000).gapAt(20_000, 50_000).gapAt(30_000, 980);
    JitterLoop.run(clock, 1_000_000, 1_000, gaps, stop, out);

    // read 30000 is 20 + 980 = 1000 ns after the previous one: exactly the threshold, counted
    assertThat(out.gaps).isEqualTo(3);
    assertThat(out.maxGapNanos).isEqualTo(50_020);
    assertThat(out.minPeriodNanos).isEqualTo(20);
    assertThat(out.stopped).isFalse();
    assertThat(gaps.getTotalCount()).isEqualTo(3);
    assertThat(gaps.getMaxValue()).isEqualTo(gaps.highestEquivalentValue(50_020));
    assertThat(gaps.getMinValue()).isEqualTo(gaps.lowestEquivalentValue(1_000));
    // the end is checked every CHECK_EVERY iterations, so the window may overrun by less than that
    assertThat(out.iterations % JitterLoop.CHECK_EVERY).isZero();
    assertThat(out.elapsedNanos())
        .isBetween(1_000_000L, 1_000_000L + 20L * JitterLoop.CHECK_EVERY + 55_000);
    assertThat(out.iterations).isEqualTo(clock.reads() - 1);
  }

  @Test
  void stopsWithinOneCheckIntervalOfTheRequest() {
    StepClock clock = new StepClock(20).actionAt(5_000, stop::request);
    JitterLoop.run(clock, 10_000_000_000L, 1_000, gaps, stop, out);

    assertThat(out.stopped).isTrue();
    assertThat(clock.reads() - 5_000).isLessThanOrEqualTo(JitterLoop.CHECK_EVERY);
    assertThat(out.gaps).isZero();
  }

  @Test
  void aGapBeyondTheHistogramRangeIsClampedButTheMaxStaysExact() {
    long twentySeconds = 20_000_000_000L;
    StepClock clock = new StepClock(20).gapAt(10, twentySeconds);
    JitterLoop.run(clock, 1_000, 1_000, gaps, stop, out);

    assertThat(out.maxGapNanos).isEqualTo(twentySeconds + 20);
    assertThat(gaps.getTotalCount()).isEqualTo(1);
    assertThat(gaps.getMaxValue())
        .isEqualTo(gaps.highestEquivalentValue(JitterProbe.HIGHEST_TRACKABLE_NANOS));
  }

  @Test
  void aQuietCpuRecordsNothing() {
    JitterLoop.run(new StepClock(25), 2_000_000, 1_000, gaps, stop, out);
    assertThat(out.gaps).isZero();
    assertThat(out.maxGapNanos).isZero();
    assertThat(gaps.getTotalCount()).isZero();
    assertThat(out.minPeriodNanos).isEqualTo(25);
  }
}
