package io.isocore.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.bench.agent.ClockCostBench;
import io.isocore.bench.agent.EnforcementBenchmark;
import io.isocore.bench.agent.TopologyDiscoveryBench;
import io.isocore.bench.placement.FairnessBench;
import io.isocore.bench.placement.PlacementBench;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Each benchmark runs end to end at a tiny size, so that a change which breaks one fails the build
 * rather than the next person who measures. No figure is asserted here: figures live in
 * docs/benchmarks.md, measured with {@code bench/run}.
 */
class BenchmarksRunTest {

  @Test
  void placement() {
    String out = run(() -> PlacementBench.main(new String[] {"20", "200", "200"}));
    assertThat(out).contains("decisions/s");
  }

  @Test
  void fairness() {
    String out = run(() -> FairnessBench.main(new String[] {"2000"}));
    assertThat(out).contains("stride");
  }

  @Test
  void topologyDiscovery() throws Exception {
    String out = run(() -> call(() -> TopologyDiscoveryBench.main(new String[] {"2", "5"})));
    assertThat(out).isNotBlank();
  }

  @Test
  void enforcement() throws Exception {
    String out = run(() -> call(() -> EnforcementBenchmark.main(new String[] {"3", "simulated"})));
    assertThat(out).isNotBlank();
  }

  @Test
  void clockCost() throws Exception {
    String out = run(() -> call(() -> ClockCostBench.main(new String[] {"1"})));
    assertThat(out).isNotBlank();
  }

  interface Main {
    void run() throws Throwable;
  }

  static void call(Main main) {
    try {
      main.run();
    } catch (Throwable e) {
      throw new AssertionError(e);
    }
  }

  static String run(Runnable benchmark) {
    PrintStream saved = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      benchmark.run();
    } finally {
      System.setOut(saved);
    }
    String out = captured.toString(StandardCharsets.UTF_8);
    saved.print(out);
    return out;
  }
}
