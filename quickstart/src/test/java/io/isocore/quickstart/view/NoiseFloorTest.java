package io.isocore.quickstart.view;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The "before" read from the agent's metrics text, as the agent writes it. */
class NoiseFloorTest {

  private static final String METRICS =
      """
      # TYPE isocore_cpu_jitter_seconds histogram
      isocore_cpu_jitter_seconds_bucket{cpu="1",le="1.0E-6"} 0
      isocore_cpu_jitter_seconds_bucket{cpu="1",le="2.5E-6"} 900
      isocore_cpu_jitter_seconds_bucket{cpu="1",le="5.0E-6"} 990
      isocore_cpu_jitter_seconds_bucket{cpu="1",le="1.0E-5"} 999
      isocore_cpu_jitter_seconds_bucket{cpu="1",le="+Inf"} 1000
      isocore_cpu_jitter_seconds_count{cpu="1"} 1000
      isocore_cpu_jitter_gaps_total{cpu="1"} 1000.0
      isocore_cpu_jitter_max_seconds{cpu="1"} 1.41493E-4
      isocore_cpu_jitter_p9999_seconds{cpu="1"} 3.5E-5
      isocore_cpu_probe_windows_total{cpu="1"} 1.0
      isocore_cpu_probe_windows_total{cpu="11"} 7.0
      isocore_cpu_quarantined{cpu="1"} 0.0
      """;

  @Test
  void readsTheWindowOfOneCpu() {
    NoiseFloor f = NoiseFloor.parse(METRICS, 1).orElseThrow();
    assertThat(f.windows()).isEqualTo(1);
    assertThat(f.gaps()).isEqualTo(1000);
    assertThat(f.maxMicros()).isCloseTo(141.493, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(f.p99Micros()).isCloseTo(5.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(f.p9999Micros()).isCloseTo(35.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(f.series())
        .containsExactly(
            "isocore_cpu_jitter_gaps_total",
            "isocore_cpu_jitter_max_seconds",
            "isocore_cpu_jitter_p9999_seconds",
            "isocore_cpu_jitter_seconds_bucket",
            "isocore_cpu_jitter_seconds_count");
    assertThat(f.line())
        .isEqualTo(
            "noise floor of idle isolated CPU 1 before the latency pod (agent jitter probe, 1"
                + " window): max 141.5 µs, p99 <= 5.0 µs, p99.99 35.0 µs, 1000 gaps >= threshold");
  }

  @Test
  void noWindowNoFloor() {
    assertThat(NoiseFloor.parse(METRICS, 2)).isEmpty();
    assertThat(NoiseFloor.parse(METRICS.replace("windows_total{cpu=\"1\"} 1.0", "x 0"), 1))
        .isEmpty();
  }
}
