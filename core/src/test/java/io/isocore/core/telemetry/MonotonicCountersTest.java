package io.isocore.core.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MonotonicCountersTest {

  @Test
  void threadChurnNeverMakesTheSeriesFall() {
    MonotonicCounters<String> c = new MonotonicCounters<>(true);
    c.observe("feed", "tid1@100", 10);
    c.observe("feed", "tid2@100", 5);
    c.endSweep();
    assertThat(c.total("feed")).isEqualTo(15);

    // tid2 exits; tid1 advances by 3; a new thread appears with 4
    c.observe("feed", "tid1@100", 13);
    c.observe("feed", "tid3@200", 4);
    c.endSweep();
    assertThat(c.total("feed")).isEqualTo(22);

    // tid2's number is reused by a new thread (new start time) with a low count
    c.observe("feed", "tid1@100", 13);
    c.observe("feed", "tid3@200", 4);
    c.observe("feed", "tid2@300", 1);
    c.endSweep();
    assertThat(c.total("feed")).isEqualTo(23);
  }

  @Test
  void aValueBelowTheLastIsARestartFromZero() {
    MonotonicCounters<String> c = new MonotonicCounters<>(false);
    c.observe("cpu1/LOC", "LOC", 4_000_000);
    c.endSweep();
    c.observe("cpu1/LOC", "LOC", 50);
    c.endSweep();
    assertThat(c.total("cpu1/LOC")).isEqualTo(4_000_050);
  }

  @Test
  void hotplugReplayOfTheFixtures() {
    MonotonicCounters<String> c = new MonotonicCounters<>(false);
    for (String sample :
        List.of(
            "interrupts-4.19-x86_64-hotplug-before.txt",
            "interrupts-4.19-x86_64-hotplug-after.txt")) {
      for (CpuCounter k : ProcCpuTable.parseInterrupts(ProcFixtures.read(sample))) {
        c.observe(k.cpu() + "/" + k.type(), k.row(), k.value());
      }
      c.endSweep();
    }
    // CPU3 went offline in the second sample: its series is kept, not dropped or reset
    assertThat(c.total("3/LOC")).isEqualTo(3_000_000);
    // CPU2 came online: a new series starting at its current value
    assertThat(c.total("2/LOC")).isEqualTo(400);
    // CPU0's device IRQs: IRQ 24 advanced by 55, IRQ 25 was freed (no drop, no reset)
    assertThat(c.total("0/device")).isEqualTo(38 + 12400);
    assertThat(c.total("1/device")).isEqualTo(1 + 987654);
    // CPU1's LOC went from 4000000 to 50: a restart, counted in full
    assertThat(c.total("1/LOC")).isEqualTo(4_000_050);

    // CPU3 returns with its old count plus 100: only the 100 is new
    c.observe("3/LOC", "LOC", 3_000_100);
    c.endSweep();
    assertThat(c.total("3/LOC")).isEqualTo(3_000_100);
  }

  @Test
  void removeDropsTheSeries() {
    MonotonicCounters<String> c = new MonotonicCounters<>(true);
    c.observe("a", 1, 5);
    c.observe("b", 1, 7);
    c.remove("a");
    assertThat(c.totals()).containsOnlyKeys("b");
    c.observe("a", 1, 5);
    assertThat(c.total("a")).isEqualTo(5);
  }
}
