package io.isocore.core.alloc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isocore.core.cpu.CpuSet;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuJitterTest {

  @Test
  void aCpuIdBeyondTheKernelMaximumIsRejectedBeforeAnythingIsAllocated() {
    for (int cpu : new int[] {Integer.MAX_VALUE, 300_000_000, CpuSet.MAX_CPU_ID + 1, -1}) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> CpuJitter.of(Map.of(cpu, 10L)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("jitter of CPU " + cpu)
          .hasMessageContaining("0-" + CpuSet.MAX_CPU_ID);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }
  }

  @Test
  void theLargestCpuIdIsAccepted() {
    CpuJitter jitter = CpuJitter.of(Map.of(CpuSet.MAX_CPU_ID, 7L));
    assertThat(jitter.maxNanos(CpuSet.MAX_CPU_ID)).isEqualTo(7L);
    assertThat(jitter.known(0)).isFalse();
  }
}
