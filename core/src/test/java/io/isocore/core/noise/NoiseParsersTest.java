package io.isocore.core.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NoiseParsersTest {

  private static CounterTable.Row row(CounterTable t, String name) {
    return t.rows().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void interruptsKeepNamedRowsAndNameDeviceIrqsByNumberAndDriver() {
    CounterTable t =
        ProcCounterTables.interrupts("/proc/interrupts", NoiseFixtures.read("interrupts-end.txt"));
    assertThat(row(t, "LOC").on(0)).isEqualTo(4441210);
    assertThat(row(t, "LOC").on(1)).isEqualTo(4537864);
    assertThat(row(t, "LOC").device()).isFalse();
    assertThat(row(t, "LOC").description()).isEqualTo("Local timer interrupts");
    CounterTable.Row tx = row(t, "42:virtio3-tx");
    assertThat(tx.device()).isTrue();
    assertThat(tx.on(1)).isEqualTo(17417);
    assertThat(row(t, "24:ACPI:Ged").on(0)).isEqualTo(1);
    // ERR and MIS hold one node-wide value: not per CPU
    assertThat(t.rows()).extracting(CounterTable.Row::name).doesNotContain("ERR", "MIS");
  }

  @Test
  void softirqsAndStatParse() {
    CounterTable s =
        ProcCounterTables.softirqs("/proc/softirqs", NoiseFixtures.read("softirqs-end.txt"));
    assertThat(row(s, "RCU").on(1)).isEqualTo(1028788);
    assertThat(row(s, "NET_RX").device()).isFalse();
    Map<Integer, CpuTimes> times =
        ProcStatTimes.parse("/proc/stat", NoiseFixtures.read("stat-end.txt"));
    assertThat(times).containsOnlyKeys(0, 1);
    assertThat(times.get(1)).isEqualTo(new CpuTimes(1, 0, 5525, 4761));
  }

  @Test
  void taskStatGivesProcessorStartAndSchedstatRunTime() {
    TaskSample t =
        TaskFiles.parse(
            "/proc/1/task/1/stat",
            NoiseFixtures.read("task-stat.txt"),
            Optional.of(NoiseFixtures.read("task-schedstat.txt")));
    assertThat(t).isEqualTo(new TaskSample(1, 6, "process_api", 1, 95953088L, -1));
    TaskSample noSchedstat =
        TaskFiles.parse(
            "/proc/1/task/1/stat", NoiseFixtures.read("task-stat.txt"), Optional.empty());
    assertThat(noSchedstat.runNanos()).isEqualTo((1 + 8) * 10_000_000L);
    TaskSample spaces =
        TaskFiles.parse(
            "x/stat",
            NoiseFixtures.read("task-stat.txt").replace("(process_api)", "(a) (b c)"),
            Optional.empty());
    assertThat(spaces.comm()).isEqualTo("a) (b c");
    assertThat(spaces.processor()).isEqualTo(1);
  }

  @Test
  void osnoiseGivesExactTimePerSourceAndSummaryCounts() {
    Map<Integer, OsnoiseTrace.CpuNoise> o =
        OsnoiseTrace.parse("trace", NoiseFixtures.read("osnoise-trace.txt"));
    assertThat(o).containsOnlyKeys(1, 3);
    OsnoiseTrace.CpuNoise one = o.get(1);
    assertThat(one.noiseNanos()).isEqualTo(20_000);
    assertThat(one.classCounts())
        .containsEntry("irq", 3L)
        .containsEntry("softirq", 2L)
        .containsEntry("thread", 1L);
    assertThat(one.sources())
        .containsEntry(
            new OsnoiseTrace.SourceKey(SourceKind.IRQ, "LOC"), new OsnoiseTrace.Exact(2, 3500))
        .containsEntry(
            new OsnoiseTrace.SourceKey(SourceKind.IRQ, "42:virtio3-tx"),
            new OsnoiseTrace.Exact(1, 4200))
        .containsEntry(
            new OsnoiseTrace.SourceKey(SourceKind.SOFTIRQ, "RCU"), new OsnoiseTrace.Exact(1, 2797))
        .containsEntry(
            new OsnoiseTrace.SourceKey(SourceKind.THREAD, "kworker/1:1"),
            new OsnoiseTrace.Exact(1, 8300));
    assertThat(o.get(3).sources().values()).containsExactly(new OsnoiseTrace.Exact(1, 5000));
  }

  @Test
  void errorsNameTheFileAndLine() {
    assertThatThrownBy(
            () ->
                ProcCounterTables.interrupts("/proc/interrupts", "  CPU0 CPU1\nLOC: 12 x1 Local\n"))
        .isInstanceOf(NoiseParseException.class)
        .hasMessage("/proc/interrupts line 2: expected a counter, found 'x1'");
    assertThatThrownBy(() -> ProcCounterTables.softirqs("/proc/softirqs", "CPU0 CPU8192\n"))
        .hasMessage("/proc/softirqs line 1: expected a CPU id in 0..8191, found '8192'");
    assertThatThrownBy(() -> ProcStatTimes.parse("/proc/stat", "cpu 1 2\ncpu3 1 2 3\n"))
        .hasMessage("/proc/stat line 2: expected at least 7 counters after cpu3, found 3");
    assertThatThrownBy(
            () -> OsnoiseTrace.parse("trace", "x-1 [99999] ....  1.0: irq_noise: a:1 start 1\n"))
        .hasMessage("trace line 1: expected a CPU id in 0..8191, found '99999'");
    assertThatThrownBy(
            () -> TaskFiles.parse("/proc/9/task/9/stat", "9 (x) S 1 2", Optional.empty()))
        .hasMessageStartingWith("/proc/9/task/9/stat line 1: expected at least 39 fields");
  }

  @Test
  void aFileWithTooManyLinesIsRefused() {
    String huge = "CPU0\n" + "LOC: 1\n".repeat(NoiseLimits.MAX_LINES);
    assertThatThrownBy(() -> ProcCounterTables.interrupts("/proc/interrupts", huge))
        .hasMessage("/proc/interrupts: more than " + NoiseLimits.MAX_LINES + " lines");
  }
}
