package io.isocore.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isocore.report.testing.ResultFixtures;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class HistogramPercentilesTest {

  @Test
  void encodedHistogramDecodesToTheSameCounts() {
    Histogram h = ResultFixtures.latencies(1, 1_000);
    Histogram back = HistogramPercentiles.decode(HistogramPercentiles.encode(h), "test");
    assertThat(back).isEqualTo(h);
    assertThat(back.getTotalCount()).isEqualTo(ResultFixtures.COUNT);
  }

  @Test
  void pointsRiseToTheMaximumAtOneHundredPercent() {
    Histogram h = new Histogram(1, 10_000_000_000L, 3);
    for (int i = 1; i <= 10_000; i++) {
      h.recordValue(i);
    }
    List<PercentilePoint> points = HistogramPercentiles.points(h);
    assertThat(points).hasSizeGreaterThan(20);
    assertThat(points.getLast().percentile()).isEqualTo(100.0);
    assertThat(points.getLast().nanos()).isEqualTo(h.getMaxValue());
    for (int i = 1; i < points.size(); i++) {
      assertThat(points.get(i).percentile()).isGreaterThanOrEqualTo(points.get(i - 1).percentile());
      assertThat(points.get(i).nanos()).isGreaterThanOrEqualTo(points.get(i - 1).nanos());
    }
    PercentilePoint median =
        points.stream().filter(p -> p.percentile() >= 50).findFirst().orElseThrow();
    assertThat(median.nanos()).isBetween(4_990L, 5_010L);
  }

  @Test
  void anEmptyHistogramHasNoPoints() {
    assertThat(HistogramPercentiles.points(new Histogram(3))).isEmpty();
  }

  @Test
  void garbageIsRefusedNamingWhereItCameFrom() {
    assertThatThrownBy(
            () -> HistogramPercentiles.decode("bm90IGEgaGlzdG9ncmFt", "off.json latency"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("off.json latency")
        .hasMessageContaining("HdrHistogram");
  }
}
