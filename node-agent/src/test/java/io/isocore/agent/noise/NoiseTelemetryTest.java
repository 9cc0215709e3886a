package io.isocore.agent.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.isocore.agent.host.HostRoot;
import io.isocore.agent.probe.ProbeResults;
import io.isocore.core.noise.CpuNoiseReport;
import io.isocore.core.noise.NoiseSource;
import io.isocore.core.noise.SourceKind;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoiseTelemetryTest {

  @TempDir Path root;

  private void proc(String which) throws IOException {
    for (String f : List.of("interrupts", "softirqs", "stat")) {
      try (InputStream in = getClass().getResourceAsStream("/noise/" + f + "-" + which + ".txt")) {
        Files.createDirectories(root.resolve("proc"));
        Files.writeString(
            root.resolve("proc/" + f), new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
  }

  private static double value(PrometheusRegistry r, String family, String cpu, String source) {
    for (MetricSnapshot m : r.scrape()) {
      if (m.getMetadata().getPrometheusName().equals(family)) {
        for (CounterSnapshot.CounterDataPointSnapshot d : ((CounterSnapshot) m).getDataPoints()) {
          if (d.getLabels().get("cpu").equals(cpu) && d.getLabels().get("source").equals(source)) {
            return d.getValue();
          }
        }
      }
    }
    return -1;
  }

  /* The recorded second on CPU 1, top 3: steal (1 tick, exact), LOC (340), SCHED (48), other. */
  @Test
  void aWindowOverTheRecordedSecondFeedsBothCounters() throws IOException {
    PrometheusRegistry registry = new PrometheusRegistry();
    NoiseTelemetry t =
        new NoiseTelemetry(
            registry, new HostRoot(root), new ProbeResults(), false, Duration.ofSeconds(10));
    NoiseTelemetry.register(registry, t.counters());
    proc("start");
    t.window();
    assertThat(t.counters().totals()).isEmpty();
    proc("end");
    t.window();
    assertThat(value(registry, "isocore_cpu_noise_events", "1", "LOC")).isEqualTo(340);
    assertThat(value(registry, "isocore_cpu_noise_seconds", "1", "steal"))
        .isCloseTo(0.01, within(1e-12));
    // no probe: the correlation's estimate, 340 x 2.5 us
    assertThat(value(registry, "isocore_cpu_noise_seconds", "1", "LOC"))
        .isCloseTo(0.00085, within(1e-12));
    assertThat(value(registry, "isocore_cpu_noise_events", "1", "other"))
        .isEqualTo(37 + 45 + 1 + 1 + 10 + 37);
    assertThat(t.counters().latest().get(1))
        .extracting(NoiseSource::name)
        .containsExactly("steal", "LOC", "SCHED", "other");
    assertThat(t.topSources(1))
        .as("what NodeTopology cpuHealth[].topNoiseSources carries: the top three")
        .extracting(io.isocore.api.v1alpha1.NoiseSourceShare::name)
        .containsExactly("steal", "LOC", "SCHED");
    assertThat(t.topSources(7)).isNull();
    ProbeResults health = new ProbeResults();
    health.noiseSources(t::topSources);
    health.record(
        new io.isocore.agent.probe.ProbeWindow(
            1,
            java.time.Instant.EPOCH,
            5_000_000_000L,
            1_000_000,
            12,
            9_000,
            4_000,
            50,
            250.0,
            10_000),
        java.util.OptionalLong.empty());
    assertThat(health.cpuHealth().getFirst().topNoiseSources()).hasSize(3);
  }

  @Test
  void labelsPerCpuAreBoundedAndCountersOnlyGrow() {
    NoiseCounters c = new NoiseCounters();
    List<NoiseSource> many = new ArrayList<>();
    for (int i = 0; i < NoiseCounters.MAX_NAMED + 5; i++) {
      many.add(new NoiseSource("s" + i, SourceKind.IRQ, 1, 0.5, 0.1, "correlation", ""));
    }
    c.add(new CpuNoiseReport(2, 10, -1, 0, "correlation", many));
    c.add(new CpuNoiseReport(2, 10, -1, 0, "correlation", many));
    Map<NoiseCounters.Key, NoiseCounters.Totals> totals = c.totals();
    assertThat(totals).hasSize(NoiseCounters.MAX_NAMED + 1);
    assertThat(totals.get(new NoiseCounters.Key(2, "s0")))
        .isEqualTo(new NoiseCounters.Totals(1.0, 2));
    assertThat(totals.get(new NoiseCounters.Key(2, "other")))
        .isEqualTo(new NoiseCounters.Totals(5.0, 10));
  }
}
