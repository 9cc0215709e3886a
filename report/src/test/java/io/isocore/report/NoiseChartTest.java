package io.isocore.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class NoiseChartTest {

  private static NoiseSource source(String name, long events) {
    return new NoiseSource(name, "irq", events, OptionalDouble.of(events * 1e-6));
  }

  @Test
  void theTopSixKeepTheirNamesTheRestAreOtherAndNothingIsLost() {
    List<NoiseSource> sources = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      sources.add(source("s" + i, 100 - i * 10));
    }
    List<NoiseWindow> windows =
        List.of(new NoiseWindow(0, 2, 1, sources), new NoiseWindow(2, 2, 1, sources));
    Map<String, TreeMap<Double, Double>> bands = NoiseChart.bands(windows, true);
    assertThat(bands.keySet()).containsExactly("s0", "s1", "s2", "s3", "s4", "s5", "other");
    // per second of the window, in µs: s0 took 100 µs in 2 s
    assertThat(bands.get("s0").firstEntry().getValue()).isCloseTo(50, within(1e-9));
    assertThat(bands.get("other").firstEntry().getValue())
        .isCloseTo((40 + 30 + 20) / 2.0, within(1e-9));
    double total = bands.values().stream().mapToDouble(b -> b.get(0.0)).sum();
    assertThat(total)
        .isCloseTo(sources.stream().mapToLong(NoiseSource::events).sum() / 2.0, within(1e-9));
    // each window is a step: the same height at its start and just before its end
    assertThat(bands.get("s0").keySet()).hasSize(4);
  }

  @Test
  void withoutTimesEverySourceIsCountedInEvents() {
    List<NoiseWindow> windows =
        List.of(
            new NoiseWindow(
                0,
                10,
                1,
                List.of(
                    new NoiseSource("LOC", "irq", 2500, OptionalDouble.empty()),
                    source("RES", 300))));
    assertThat(NoiseChart.bySeconds(windows)).isFalse();
    Map<String, TreeMap<Double, Double>> bands = NoiseChart.bands(windows, false);
    assertThat(bands.keySet()).containsExactly("LOC", "RES");
    assertThat(bands.get("LOC").get(0.0)).isEqualTo(250.0);
  }
}
