package io.isocore.core.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isocore.core.cpu.CpuSet;
import org.junit.jupiter.api.Test;

class ThreadStatusCpusAllowedTest {

  @Test
  void readsOnlyTheAllowedList() {
    assertThat(
            ThreadStatus.parseCpusAllowed(
                "Name:\tjava\nCpus_allowed:\tff\nCpus_allowed_list:\t0-3,6\nMems_allowed_list:\t0\n"))
        .contains(CpuSet.parse("0-3,6"));
    assertThat(ThreadStatus.parseCpusAllowed(ProcFixtures.read("task-status-6.18.txt")))
        .contains(CpuSet.of(0, 1));
  }

  @Test
  void absentLineIsEmptyAndABadListFails() {
    assertThat(ThreadStatus.parseCpusAllowed("Name:\tjava\nCpus_allowed:\tff\n")).isEmpty();
    assertThatThrownBy(() -> ThreadStatus.parseCpusAllowed("Cpus_allowed_list:\tzero\n"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
