package io.isocore.core.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isocore.core.cpu.CpuSet;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ThreadFilesTest {

  @Test
  void capturedStatus() {
    ThreadStatus s = ThreadStatus.parse(ProcFixtures.read("task-status-6.18.txt"));
    assertThat(s.cpusAllowed()).contains(CpuSet.of(0, 1));
    assertThat(s.voluntaryContextSwitches()).isGreaterThanOrEqualTo(0);
  }

  @Test
  void statusValues() {
    String text =
        "Name:\tfeed\nCpus_allowed:\t30\nCpus_allowed_list:\t4-5\n"
            + "voluntary_ctxt_switches:\t17\nnonvoluntary_ctxt_switches:\t3\n";
    assertThat(ThreadStatus.parse(text))
        .isEqualTo(new ThreadStatus(17, 3, java.util.Optional.of(CpuSet.of(4, 5))));
  }

  @Test
  void statusOfAnExitedThreadFails() {
    assertThatThrownBy(() -> ThreadStatus.parse(""))
        .hasMessageContaining("voluntary_ctxt_switches");
  }

  @Test
  void capturedStat() {
    ThreadStat s = ThreadStat.parse(ProcFixtures.read("task-stat-6.18.txt"));
    assertThat(s.minorFaults()).isEqualTo(139);
    assertThat(s.majorFaults()).isEqualTo(1);
    assertThat(s.startTimeTicks()).isEqualTo(128527);
    assertThat(s.processor()).isZero();
    assertThat(s.policy()).isZero();
    assertThat(s.realtime()).isFalse();
  }

  @Test
  void statWithSpacesAndParenthesesInTheCommandName() {
    String text =
        "4242 (md (x) y) R 1 2 3 0 -1 4194304 55 0 7 0 0 0 0 0 -51 0 1 0 999 0 0 1 1 1 1 0 0 0 0 0 0 0 0 0 17 5 50 1 0 0 0\n";
    ThreadStat s = ThreadStat.parse(text);
    assertThat(s).isEqualTo(new ThreadStat(55, 7, 999, 5, 1));
    assertThat(s.realtime()).isTrue();
  }

  @Test
  void truncatedStatFailsWithTheText() {
    assertThatThrownBy(() -> ThreadStat.parse("1 (x) R 1 2 3"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("need at least 41");
  }

  @Test
  void schedstat() {
    ThreadSchedstat s = ThreadSchedstat.parse(ProcFixtures.read("task-schedstat-6.18.txt"));
    assertThat(s.runNanos()).isPositive();
    assertThat(ThreadSchedstat.parse("100 20 3\n")).isEqualTo(new ThreadSchedstat(100, 20, 3));
  }

  @Test
  void schedMigrations() {
    assertThat(ThreadSched.migrations(ProcFixtures.read("task-sched-6.18.txt"))).isPresent();
    assertThat(ThreadSched.migrations("se.exec_start : 1.0\nse.nr_migrations    :   42\n"))
        .isEqualTo(OptionalLong.of(42));
    assertThat(ThreadSched.migrations("policy : 0\n")).isEmpty();
  }
}
