package io.isocore.agent.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.agent.host.HostFiles;
import io.isocore.agent.telemetry.testing.FakeProcTree;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuTelemetryTest {

  @TempDir Path dir;

  @Test
  void totalsPerCpuAndTypeSurviveACounterReset() {
    FakeProcTree tree = new FakeProcTree(dir).node(5_000, 800);
    CpuTelemetry t = new CpuTelemetry(new HostFiles(tree.proc()));
    t.refresh();
    assertThat(t.interrupts())
        .containsEntry(new CpuSeries(2, "LOC"), 5_000L)
        .containsEntry(new CpuSeries(2, "device"), 7L)
        .containsEntry(new CpuSeries(0, "XYZ"), 1L)
        .doesNotContainKey(new CpuSeries(0, "ERR"));
    assertThat(t.softirqs()).containsEntry(new CpuSeries(2, "TIMER"), 800L);

    tree.node(120, 900); // LOC on CPU2 went back: a wrap or a reset, counted from zero
    t.refresh();
    assertThat(t.interrupts()).containsEntry(new CpuSeries(2, "LOC"), 5_120L);
    assertThat(t.softirqs()).containsEntry(new CpuSeries(2, "TIMER"), 900L);
  }

  @Test
  void withoutSchedstatsThereAreNoSchedSeries() {
    CpuTelemetry t = new CpuTelemetry(new HostFiles(new FakeProcTree(dir).node(1, 1).proc()));
    t.refresh();
    assertThat(t.schedstat()).isEmpty();
  }

  @Test
  void schedstatRunAndWaitWhereTheKernelHasIt() {
    FakeProcTree tree = new FakeProcTree(dir).node(1, 1).schedstat(3_000_000_000L, 20_000L);
    CpuTelemetry t = new CpuTelemetry(new HostFiles(tree.proc()));
    t.refresh();
    assertThat(t.schedstat())
        .containsEntry(new CpuSeries(3, "run"), 3_000_000_000L)
        .containsEntry(new CpuSeries(3, "wait"), 20_000L);
  }

  @Test
  void rawInterruptsForTheProbeWindowRate() {
    CpuTelemetry t = new CpuTelemetry(new HostFiles(new FakeProcTree(dir).node(5_000, 1).proc()));
    assertThat(t.rawInterruptsOn(2)).isEqualTo(7 + 0 + 5_000 + 1 + 1);
    assertThat(t.rawInterruptsOn(9)).isEqualTo(-1);
  }

  @Test
  void thisKernel() {
    Path proc = Path.of("/proc");
    if (!Files.isReadable(proc.resolve("interrupts"))) {
      System.out.println("skipped: /proc/interrupts is not readable here");
      return;
    }
    CpuTelemetry t = new CpuTelemetry(new HostFiles(proc));
    t.refresh();
    assertThat(t.interrupts().keySet()).extracting(CpuSeries::type).contains("LOC");
    assertThat(t.softirqs().keySet()).extracting(CpuSeries::type).contains("TIMER", "SCHED");
    assertThat(t.schedstat().isEmpty()).isEqualTo(!Files.exists(proc.resolve("schedstat")));
  }
}
