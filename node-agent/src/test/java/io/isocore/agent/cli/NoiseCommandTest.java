package io.isocore.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.isocore.agent.noise.ProbeOutcome;
import io.isocore.agent.noise.WindowProbe;
import io.isocore.core.cpu.CpuSet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code noise} on a fixture root: /proc files recorded on this 2-CPU VM one second apart; the
 * stand-in probe swaps in the end files while it "runs" (as the kernel's counters move during a
 * real window) and reports 100 gaps of 1 ms in all on CPU 1.
 */
class NoiseCommandTest {

  @TempDir Path root;

  private static String fixture(String name) {
    try (InputStream in = NoiseCommandTest.class.getResourceAsStream("/noise/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void write(String relative, String text) throws IOException {
    Path p = root.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  private void procAt(String which) throws IOException {
    write("proc/interrupts", fixture("interrupts-" + which + ".txt"));
    write("proc/softirqs", fixture("softirqs-" + which + ".txt"));
    write("proc/stat", fixture("stat-" + which + ".txt"));
    // process_api (tid 1, last on CPU 1) runs 0.5 ms more during the window
    long run = 95_953_088L + (which.equals("end") ? 500_000 : 0);
    write("proc/1/task/1/schedstat", run + " 9515067 564\n");
  }

  private final WindowProbe standIn =
      (cpus, window) -> {
        try {
          procAt("end");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        return cpus.toList().stream()
            .map(c -> new ProbeOutcome(c, 100, 1_000_000, 50_000, 4242, Optional.empty()))
            .toList();
      };

  private String run(boolean json, List<String> errLines) throws IOException {
    procAt("start");
    write("proc/1/task/1/stat", fixture("task-stat.txt"));
    write("sys/devices/system/cpu/online", "0-1\n");
    write("sys/devices/system/cpu/isolated", "1\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    NoiseCommand.Options o =
        new NoiseCommand.Options(root, CpuSet.empty(), Duration.ofSeconds(1), json, 1000);
    int rc = NoiseCommand.run(o, standIn, new PrintStream(out, true), new PrintStream(err, true));
    assertThat(rc).isEqualTo(Cli.OK);
    errLines.addAll(err.toString(StandardCharsets.UTF_8).lines().toList());
    return out.toString(StandardCharsets.UTF_8);
  }

  /*
   * CPU 1 weights (ns): steal 10,000,000 (exact), LOC 340 x 2,500 = 850,000, process_api 500,000,
   * SCHED 144,000, RCU 111,000, CAL 90,000, RES 37,000, TIMER 20,000, IRQ 31 and 42 4,000 each:
   * 11,760,000. Eight are kept; IRQs 31 and 42 go into other.
   */
  @Test
  void jsonOnAFixtureRootHasTheContractAndTheKnownShares() throws IOException {
    JsonNode doc = new ObjectMapper().readTree(run(true, new java.util.ArrayList<>()));
    assertThat(doc.get("cpus")).hasSize(1);
    JsonNode cpu = doc.get("cpus").get(0);
    assertThat(cpu.get("cpu").asInt()).isEqualTo(1);
    assertThat(cpu.get("gaps").asLong()).isEqualTo(100);
    assertThat(cpu.get("method").asText()).isEqualTo("correlation");
    JsonNode sources = cpu.get("sources");
    assertThat(sources).hasSize(9);
    assertThat(sources.findValuesAsText("name"))
        .containsExactly(
            "steal", "LOC", "process_api", "SCHED", "RCU", "CAL", "RES", "TIMER", "other");
  }

  @Test
  void everySourceCarriesTheContractFields() throws IOException {
    JsonNode sources =
        new ObjectMapper()
            .readTree(run(true, new java.util.ArrayList<>()))
            .get("cpus")
            .get(0)
            .get("sources");
    JsonNode loc = sources.get(1);
    assertThat(loc.get("name").asText()).isEqualTo("LOC");
    assertThat(loc.get("kind").asText()).isEqualTo("irq");
    assertThat(loc.get("events").asLong()).isEqualTo(340);
    assertThat(loc.get("share").asDouble()).isCloseTo(850_000 / 11_760_000.0, within(1e-4));
    assertThat(loc.get("method").asText()).isEqualTo("correlation");
    assertThat(loc.get("fix").asText()).contains("nohz_full");
    JsonNode thread = sources.get(2);
    assertThat(thread.get("kind").asText()).isEqualTo("thread");
    assertThat(thread.get("fix").asText()).contains("exclusive");
    JsonNode other = sources.get(sources.size() - 1);
    assertThat(other.get("kind").asText()).isEqualTo("other");
    assertThat(other.get("events").asLong()).isEqualTo(2);
    assertThat(other.get("share").asDouble()).isCloseTo(8_000 / 11_760_000.0, within(1e-4));
    double sum = 0;
    for (JsonNode s : sources) {
      sum += s.get("share").asDouble();
    }
    assertThat(sum).isCloseTo(1.0, within(1e-3));
  }

  @Test
  void textSaysItIsACorrelationAndWhatItCouldNotRead() throws IOException {
    List<String> err = new java.util.ArrayList<>();
    String text = run(false, err);
    assertThat(text)
        .startsWith("CPU 1: 100 gaps >= 1000 ns, 0.001000 s of gaps in ")
        .contains(" s (correlation: events in the window weighted by cost estimates")
        .contains("rcu_nocbs=<isolated CPUs>");
    assertThat(err).anyMatch(l -> l.startsWith("note: osnoise tracer not running"));
    assertThat(err).anyMatch(l -> l.contains("CONFIG_IRQ_TIME_ACCOUNTING"));
  }

  @Test
  void badArgumentsAreUsageErrors() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc =
        Cli.run(
            new String[] {"noise", "--duration", "10"},
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true));
    assertThat(rc).isEqualTo(Cli.ERROR);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("--duration needs a unit (500ms, 10s, 2m), got '10'");
    assertThat(NoiseCommand.duration("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Cli.isCommand(new String[] {"noise"})).isTrue();
  }
}
