package io.isocore.core.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcSchedstatTest {

  @Test
  void version15() {
    assertThat(ProcSchedstat.parse(ProcFixtures.read("schedstat-v15-4.19.txt")))
        .containsExactly(
            new CpuSchedstat(0, 1234567890123L, 98765432100L),
            new CpuSchedstat(1, 2234567890123L, 18765432100L));
  }

  @Test
  void version17WithNamedDomainsAndAnOfflineCpu() {
    assertThat(ProcSchedstat.parse(ProcFixtures.read("schedstat-v17-6.6.txt")))
        .containsExactly(
            new CpuSchedstat(0, 500000000L, 2000000L), new CpuSchedstat(2, 700000000L, 3000000L));
  }

  @Test
  void oldVersionIsRefusedWithTheVersion() {
    assertThatThrownBy(() -> ProcSchedstat.parse("version 14\ncpu0 1 2 3 4 5 6 7 8 9 10 11 12\n"))
        .hasMessageContaining("version 14");
  }
}
