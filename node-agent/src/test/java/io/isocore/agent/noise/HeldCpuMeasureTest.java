package io.isocore.agent.noise;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.agent.telemetry.ContainerRef;
import io.isocore.agent.telemetry.ContainerResolver;
import io.isocore.agent.telemetry.testing.FakeProcTree;
import io.isocore.core.noise.HeldCpuSample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What one window measures on a held CPU, on fixture /proc files. */
class HeldCpuMeasureTest {

  private static final ContainerRef APP = new ContainerRef("team-a", "lat", "app");
  private static final ContainerResolver RESOLVER =
      key -> key.podUid().equals(FakeProcTree.POD_UID) ? Optional.of(APP) : Optional.empty();

  @TempDir Path root;

  private HeldCpuMeasure.Reading read(long millis, Map<Integer, ContainerRef> held) {
    return HeldCpuMeasure.Reading.of(
        millis,
        new ProcNoiseReader(root).snapshot(true),
        new OwnerThreads(root.resolve("proc"), RESOLVER).read(Set.copyOf(held.values())),
        held);
  }

  @Test
  void ratesPerSecondOnTheCpuWithTheOwnerLeftOutOfTheSources() {
    HeldProcFixture proc = new HeldProcFixture(root).interrupts(0, 0).owner(10, 1_000_000);
    HeldCpuMeasure.Reading start = read(0, Map.of(4, APP, 5, APP));
    proc.interrupts(5_000, 2_500).owner(60, 1_000_000 + 500_000_000L);
    HeldCpuMeasure.Reading end = read(5_000, Map.of(4, APP, 5, APP));

    Map<Integer, HeldCpuSample> samples = HeldCpuMeasure.between(start, end);

    HeldCpuSample four = samples.get(4);
    assertThat(four.interruptsPerSecond()).isEqualTo(1_500.0); // (5,000 + 2,500) / 5 s
    assertThat(four.involuntarySwitchesPerSecond().getAsDouble()).isEqualTo(10.0);
    assertThat(four.runQueueWaitMillisPerSecond().getAsDouble()).isEqualTo(100.0);
    assertThat(four.sources()).extracting(s -> s.name()).doesNotContain("feed worker");
    assertThat(four.sources().get(0).name()).isEqualTo("45:eth0-rx-3");
    // CPU 5 is held by the same owner, whose thread runs on CPU 4: nothing of it there.
    assertThat(samples.get(5).involuntarySwitchesPerSecond().getAsDouble()).isZero();
  }

  @Test
  void anOwnerWithoutReadableThreadsOrSchedstatIsNotMeasuredInsteadOfZero() throws Exception {
    HeldProcFixture proc = new HeldProcFixture(root).interrupts(0, 0).owner(10, 1_000_000);
    Files.delete(root.resolve("proc/300/task/301/schedstat"));
    ContainerRef other = new ContainerRef("team-b", "gone", "app");
    HeldCpuMeasure.Reading start = read(0, Map.of(4, APP, 6, other));
    proc.interrupts(10, 10).owner(20, 1_000_000);
    Files.delete(root.resolve("proc/300/task/301/schedstat"));
    HeldCpuMeasure.Reading end = read(10_000, Map.of(4, APP, 6, other));

    Map<Integer, HeldCpuSample> samples = HeldCpuMeasure.between(start, end);

    assertThat(samples.get(4).involuntarySwitchesPerSecond().getAsDouble()).isEqualTo(1.0);
    assertThat(samples.get(4).runQueueWaitMillisPerSecond()).as("no schedstat").isEmpty();
    assertThat(samples.get(6).involuntarySwitchesPerSecond()).as("no thread of its own").isEmpty();
    assertThat(samples.get(6).runQueueWaitMillisPerSecond()).isEmpty();
  }

  @Test
  void aCpuThatChangedHandsDuringTheWindowIsNotMeasured() {
    new HeldProcFixture(root).interrupts(0, 0).owner(10, 1_000_000);
    HeldCpuMeasure.Reading start = read(0, Map.of(4, APP));
    HeldCpuMeasure.Reading end = read(10_000, Map.of(4, new ContainerRef("team-b", "next", "app")));

    assertThat(HeldCpuMeasure.between(start, end)).isEmpty();
  }
}
