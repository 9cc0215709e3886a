package io.isocore.quickstart.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentNoiseTest {

  private static final long S = 1_000_000_000L;

  @TempDir Path dir;

  /** The agent's exposition after some windows: LOC and TIMER on CPU 1, LOC on CPU 0. */
  private static String metrics(double loc1, double timer1, double loc0, long events) {
    return """
        # HELP isocore_cpu_noise_seconds_total noise time
        # TYPE isocore_cpu_noise_seconds_total counter
        isocore_cpu_noise_seconds_total{cpu="1",source="LOC"} %s
        isocore_cpu_noise_seconds_total{cpu="1",source="TIMER"} %s
        isocore_cpu_noise_seconds_total{cpu="0",source="LOC"} %s
        isocore_cpu_noise_events_total{cpu="1",source="LOC"} %d
        isocore_cpu_noise_events_total{cpu="1",source="TIMER"} %d
        isocore_cpu_noise_events_total{cpu="0",source="LOC"} %d
        isocore_cpu_jitter_gaps_total{cpu="1"} 12
        """
        .formatted(loc1, timer1, loc0, events, events / 10, events * 2);
  }

  @Test
  void windowsAreTheCountersDifferencesBetweenChanges() {
    AgentNoise noise = new AgentNoise();
    noise.sample("", 0); // the agent has not answered yet
    noise.sample(metrics(0.001, 0.0001, 0.002, 250), 2 * S); // baseline
    noise.sample(metrics(0.001, 0.0001, 0.002, 250), 4 * S); // unchanged
    noise.sample(metrics(0.002, 0.0002, 0.004, 500), 6 * S); // sets the start only
    noise.sample(metrics(0.003, 0.0002, 0.006, 750), 16 * S);
    noise.sample(metrics(0.005, 0.0004, 0.008, 1000), 26 * S);

    List<AgentNoise.Window> windows = noise.windows();
    assertThat(windows).hasSize(2);
    AgentNoise.Window first = windows.getFirst();
    assertThat(first.atSeconds()).isEqualTo(6.0);
    assertThat(first.windowSeconds()).isEqualTo(10.0);
    assertThat(first.cpus()).extracting(AgentNoise.Cpu::cpu).containsExactly(0, 1);
    AgentNoise.Cpu cpu1 = first.cpus().get(1);
    // TIMER's events grew by 25 but its time did not: it is still there, with 0 s.
    assertThat(cpu1.sources()).extracting(AgentNoise.Source::name).containsExactly("LOC", "TIMER");
    assertThat(cpu1.sources().getFirst().events()).isEqualTo(250);
    assertThat(cpu1.sources().getFirst().seconds()).isCloseTo(0.001, within());
    assertThat(cpu1.sources().get(1).kind()).isEqualTo("softirq");
    assertThat(cpu1.sources().get(1).seconds()).isZero();
    assertThat(windows.get(1).atSeconds()).isEqualTo(16.0);
    assertThat(windows.get(1).cpus().get(1).sources().get(1).seconds()).isCloseTo(2e-4, within());
  }

  @Test
  void everyWindowIsAsLongAsTheMeanTimeBetweenChanges() {
    // Samples every 2 s see the agent's 10 s windows close at 6, 18, 26 and 36 s: a single
    // difference is known to a sample period only (12 s, 8 s, 10 s), their mean is the window.
    AgentNoise noise = new AgentNoise();
    noise.sample(metrics(0.001, 0.0001, 0.002, 250), 0);
    noise.sample(metrics(0.002, 0.0002, 0.004, 500), 6 * S);
    noise.sample(metrics(0.003, 0.0003, 0.006, 750), 18 * S);
    noise.sample(metrics(0.004, 0.0004, 0.008, 1000), 26 * S);
    noise.sample(metrics(0.005, 0.0005, 0.010, 1250), 36 * S);
    assertThat(noise.windows())
        .extracting(AgentNoise.Window::atSeconds, AgentNoise.Window::windowSeconds)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(8.0, 10.0),
            org.assertj.core.groups.Tuple.tuple(16.0, 10.0),
            org.assertj.core.groups.Tuple.tuple(26.0, 10.0));
  }

  @Test
  void aRestartedAgentCountsFromZero() {
    AgentNoise noise = new AgentNoise();
    noise.sample(metrics(0.001, 0.0001, 0.002, 250), 0);
    noise.sample(metrics(0.002, 0.0002, 0.004, 500), 10 * S);
    noise.sample(metrics(0.0005, 0, 0.001, 100), 20 * S);
    AgentNoise.Source loc1 = noise.windows().getFirst().cpus().get(1).sources().getFirst();
    assertThat(loc1.events()).isEqualTo(100);
    assertThat(loc1.seconds()).isCloseTo(0.0005, within());
  }

  @Test
  void kindsFromTheAgentsLabels() {
    assertThat(AgentNoise.kind("LOC")).isEqualTo("irq");
    assertThat(AgentNoise.kind("36:virtio1-req.0")).isEqualTo("irq");
    assertThat(AgentNoise.kind("RCU")).isEqualTo("softirq");
    assertThat(AgentNoise.kind("steal")).isEqualTo("steal");
    assertThat(AgentNoise.kind("other")).isEqualTo("other");
  }

  @Test
  void summaryCarriesTheWindowsInTheReportsShape() throws IOException {
    AgentNoise noise = new AgentNoise();
    noise.sample(metrics(0.001, 0.0001, 0.002, 250), 0);
    noise.sample(metrics(0.002, 0.0002, 0.004, 500), 10 * S);
    noise.sample(metrics(0.003, 0.0003, 0.006, 750), 20 * S);
    Path file = dir.resolve("summary.json");
    new RunSummary(true, 20, "1", "1", "0", "0", null, 0, 0, noise.windows()).write(file);
    JsonNode window = new ObjectMapper().readTree(file.toFile()).path("noise").path(0);
    assertThat(window.path("atSeconds").asDouble()).isEqualTo(10.0);
    assertThat(window.path("windowSeconds").asDouble()).isEqualTo(10.0);
    JsonNode source = window.path("cpus").path(1).path("sources").path(0);
    assertThat(window.path("cpus").path(1).path("cpu").asInt()).isEqualTo(1);
    assertThat(source.path("name").asText()).isEqualTo("LOC");
    assertThat(source.path("kind").asText()).isEqualTo("irq");
    assertThat(source.path("events").asLong()).isEqualTo(250);
    assertThat(source.path("seconds").asDouble()).isCloseTo(0.001, within());

    new RunSummary(true, 20, "1", "1", "0", "0", null, 0, 0, List.of()).write(file);
    assertThat(new ObjectMapper().readTree(file.toFile()).has("noise")).isFalse();
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }
}
