package io.isocore.core.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ProcCpuTableTest {

  private static Map<String, Long> byKey(List<CpuCounter> counters) {
    return counters.stream()
        .collect(
            Collectors.toMap(
                c -> c.cpu() + "/" + c.type() + "/" + c.row(), CpuCounter::value, Long::sum));
  }

  private static long sum(List<CpuCounter> counters, int cpu, String type) {
    return counters.stream()
        .filter(c -> c.cpu() == cpu && c.type().equals(type))
        .mapToLong(CpuCounter::value)
        .sum();
  }

  @Test
  void capturedInterruptsOnThisVmHaveNamedRowsAndDevices() {
    List<CpuCounter> c =
        ProcCpuTable.parseInterrupts(ProcFixtures.read("interrupts-6.18-x86_64-2cpu.txt"));
    assertThat(c).extracting(CpuCounter::cpu).containsOnly(0, 1);
    assertThat(c)
        .extracting(CpuCounter::type)
        .contains("LOC", "RES", "CAL", "TLB", "NMI", "device");
    assertThat(sum(c, 0, "LOC")).isEqualTo(169555);
    assertThat(sum(c, 1, "RES")).isEqualTo(43401);
    // the single-value ERR and MIS rows are node-wide, not per CPU
    assertThat(c).extracting(CpuCounter::type).doesNotContain("ERR", "MIS");
    // numbered rows are summed into device (sum of CPU1's column, checked with awk on the capture)
    assertThat(sum(c, 1, "device")).isEqualTo(81102);
  }

  @Test
  void hotplugHeaderNamesTheOnlineCpusOnly() {
    List<CpuCounter> before =
        ProcCpuTable.parseInterrupts(
            ProcFixtures.read("interrupts-4.19-x86_64-hotplug-before.txt"));
    assertThat(before).extracting(CpuCounter::cpu).containsOnly(0, 1, 3);
    assertThat(sum(before, 3, "LOC")).isEqualTo(3_000_000);
    assertThat(sum(before, 1, "device")).isEqualTo(1 + 987654);

    List<CpuCounter> after =
        ProcCpuTable.parseInterrupts(ProcFixtures.read("interrupts-4.19-x86_64-hotplug-after.txt"));
    assertThat(after).extracting(CpuCounter::cpu).containsOnly(0, 1, 2);
    assertThat(sum(after, 2, "LOC")).isEqualTo(400);
  }

  @Test
  void unknownRowTypesArePassedThroughByName() {
    List<CpuCounter> c =
        ProcCpuTable.parseInterrupts(
            ProcFixtures.read("interrupts-4.19-x86_64-hotplug-before.txt"));
    assertThat(c).extracting(CpuCounter::type).contains("HYP", "HRE", "HVS", "MCP", "PIW");
  }

  @Test
  void arm64IpiRowsAndErrRow() {
    List<CpuCounter> c =
        ProcCpuTable.parseInterrupts(ProcFixtures.read("interrupts-5.15-arm64.txt"));
    assertThat(c).extracting(CpuCounter::cpu).containsOnly(0, 1, 2, 3);
    assertThat(sum(c, 1, "IPI0")).isEqualTo(12345);
    assertThat(sum(c, 0, "device")).isEqualTo(812345 + 4321);
    assertThat(c).extracting(CpuCounter::type).doesNotContain("Err");
    // each device row is its own source so that a freed IRQ is not mistaken for a reset
    assertThat(byKey(c)).containsEntry("0/device/17", 4321L).containsEntry("0/device/11", 812345L);
  }

  @Test
  void softirqsFromTwoKernels() {
    List<CpuCounter> now =
        ProcCpuTable.parseSoftirqs(ProcFixtures.read("softirqs-6.18-x86_64-2cpu.txt"));
    assertThat(now)
        .extracting(CpuCounter::type)
        .containsOnly(
            "HI",
            "TIMER",
            "NET_TX",
            "NET_RX",
            "BLOCK",
            "IRQ_POLL",
            "TASKLET",
            "SCHED",
            "HRTIMER",
            "RCU");
    assertThat(sum(now, 1, "SCHED")).isEqualTo(76605);

    List<CpuCounter> old =
        ProcCpuTable.parseSoftirqs(ProcFixtures.read("softirqs-3.10-x86_64-4cpu.txt"));
    assertThat(old)
        .extracting(CpuCounter::type)
        .contains("BLOCK_IOPOLL")
        .doesNotContain("IRQ_POLL");
    assertThat(sum(old, 0, "TIMER")).isEqualTo(4294967290L);
    assertThat(old).hasSize(10 * 4);
  }

  @Test
  void emptyTextGivesNothingAndGarbageHeaderFailsWithTheLine() {
    assertThat(ProcCpuTable.parseSoftirqs("")).isEmpty();
    assertThatThrownBy(() -> ProcCpuTable.parseInterrupts("hello world\n LOC: 1\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hello world");
  }

  @Test
  void truncatedRowIsSkippedNotFatal() {
    String text = "  CPU0 CPU1\nLOC: 5 6 Local timer\nRES: 7\nCAL: x y\n";
    assertThat(byKey(ProcCpuTable.parseInterrupts(text)))
        .containsOnlyKeys("0/LOC/LOC", "1/LOC/LOC");
  }
}
