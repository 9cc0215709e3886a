package io.isocore.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.api.v1alpha1.CpuHealth;
import io.isocore.core.cpu.CpuSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code isocore_node_cpus{state="quarantined"}} counts what NodeTopology's cpuHealth quarantines:
 * the probe's idle isolated CPUs and the held CPUs the noise loop found noisy, each CPU once.
 */
class QuarantinedCpusTest {

  @Test
  void probeAndHeldQuarantinesAreOneSet() {
    List<CpuHealth> held =
        List.of(
            new CpuHealth(4, null, null, null, null, true),
            new CpuHealth(6, null, null, null, null, true));

    assertThat(NodeMetrics.quarantined(CpuSet.parse("2,6"), held)).isEqualTo(CpuSet.parse("2,4,6"));
    assertThat(NodeMetrics.quarantined(CpuSet.empty(), held)).isEqualTo(CpuSet.parse("4,6"));
    assertThat(NodeMetrics.quarantined(CpuSet.parse("2"), List.of())).isEqualTo(CpuSet.parse("2"));
  }
}
