package io.isocore.agent.telemetry;

import static io.isocore.agent.telemetry.ContainerTelemetry.Counter.INVOLUNTARY_SWITCHES;
import static io.isocore.agent.telemetry.ContainerTelemetry.Counter.MAJOR_FAULTS;
import static io.isocore.agent.telemetry.ContainerTelemetry.Counter.MIGRATIONS;
import static io.isocore.agent.telemetry.ContainerTelemetry.Counter.MINOR_FAULTS;
import static io.isocore.agent.telemetry.ContainerTelemetry.Counter.RUNQUEUE_WAIT_NANOS;
import static io.isocore.agent.telemetry.ContainerTelemetry.Counter.VOLUNTARY_SWITCHES;
import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.agent.host.HostFiles;
import io.isocore.agent.telemetry.testing.FakeProcTree;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.telemetry.ContainerKey;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerTelemetryTest {

  private static final ContainerRef FEED = new ContainerRef("trading", "feed-0", "handler");

  @TempDir Path dir;
  private FakeProcTree tree;
  private ContainerTelemetry telemetry;

  @BeforeEach
  void setUp() {
    tree = new FakeProcTree(dir).process(1, "systemd").process(77, "irqbalance");
    ContainerResolver resolver =
        key ->
            key.equals(new ContainerKey(FakeProcTree.POD_UID, FakeProcTree.CONTAINER_ID))
                ? Optional.of(FEED)
                : Optional.empty();
    telemetry = new ContainerTelemetry(new HostFiles(tree.proc()), resolver, () -> CpuSet.of(4, 5));
  }

  @Test
  void sumsOverThreadsAndNeverFallsWhenThreadsExit() {
    tree.containerThread(100, 100, 500, 10, 1, 1_000, 2, 5_000, 3, 0, 4)
        .containerThread(100, 101, 501, 20, 2, 10, 0, 7_000, 1, 0, 5);
    telemetry.refresh();
    assertThat(telemetry.containers()).containsExactly(FEED);
    assertThat(telemetry.total(FEED, VOLUNTARY_SWITCHES)).hasValue(30);
    assertThat(telemetry.total(FEED, INVOLUNTARY_SWITCHES)).hasValue(3);
    assertThat(telemetry.total(FEED, MINOR_FAULTS)).hasValue(1_010);
    assertThat(telemetry.total(FEED, MAJOR_FAULTS)).hasValue(2);
    assertThat(telemetry.total(FEED, RUNQUEUE_WAIT_NANOS)).hasValue(12_000);
    assertThat(telemetry.total(FEED, MIGRATIONS)).hasValue(4);

    // thread 101 exits; 100 advances; tid 101 is reused by a new thread (new start time)
    tree.delete("proc/100/task/101")
        .containerThread(100, 100, 500, 15, 1, 1_000, 2, 6_000, 3, 0, 4)
        .containerThread(100, 101, 900, 1, 0, 0, 0, 0, 0, 0, 5);
    telemetry.refresh();
    assertThat(telemetry.total(FEED, VOLUNTARY_SWITCHES)).hasValue(30 + 5 + 1);
    assertThat(telemetry.total(FEED, RUNQUEUE_WAIT_NANOS)).hasValue(13_000);
  }

  @Test
  void anEmptyResolverSkipsTheWalk() {
    tree.containerThread(100, 100, 500, 1, 1, 1, 0, 1, 1, 0, 4);
    PodContainerIndex empty = new PodContainerIndex();
    ContainerTelemetry t = new ContainerTelemetry(new HostFiles(tree.proc()), empty, CpuSet::empty);
    t.refresh();
    assertThat(empty.isEmpty()).isTrue();
    assertThat(t.containers()).isEmpty();
  }

  @Test
  void hostProcessesAreNotScanned() {
    tree.containerThread(100, 100, 500, 1, 1, 1, 0, 1, 1, 0, 4);
    telemetry.refresh();
    assertThat(telemetry.containers()).containsExactly(FEED);
  }

  @Test
  void realtimeThreadsOnExclusiveCpusAreCounted() {
    tree.containerThread(100, 100, 500, 1, 1, 1, 0, 1, 1, 1, 4) // FIFO on exclusive CPU 4
        .containerThread(100, 101, 501, 1, 1, 1, 0, 1, 1, 2, 0) // RR on shared CPU 0
        .containerThread(100, 102, 502, 1, 1, 1, 0, 1, 1, 0, 5); // OTHER on CPU 5
    telemetry.refresh();
    assertThat(telemetry.realtimeThreadsOnExclusiveCpus()).isEqualTo(Map.of(FEED, 1));
  }

  @Test
  void aContainerThatIsGoneIsDropped() {
    tree.containerThread(100, 100, 500, 1, 1, 1, 0, 1, 1, 0, 4);
    telemetry.refresh();
    tree.delete("proc/100");
    telemetry.refresh();
    assertThat(telemetry.containers()).isEmpty();
    assertThat(telemetry.total(FEED, VOLUNTARY_SWITCHES)).isEmpty();
  }

  @Test
  void withoutTheSchedDebugFileThereIsNoMigrationSeries() {
    tree.containerThread(100, 100, 500, 1, 1, 1, 0, 1, 1, 0, 4).delete("proc/100/task/100/sched");
    telemetry.refresh();
    assertThat(telemetry.total(FEED, MIGRATIONS)).isEmpty();
    assertThat(telemetry.total(FEED, VOLUNTARY_SWITCHES)).hasValue(1);
  }
}
