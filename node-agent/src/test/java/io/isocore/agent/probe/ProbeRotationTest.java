package io.isocore.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.core.cpu.CpuSet;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProbeRotationTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration INTERVAL = Duration.ofSeconds(300);
  private final ProbeRotation rotation = new ProbeRotation();

  @Test
  void neverProbedCpusFirstLowestIdFirstAndNeverAHeldOne() {
    CpuSet isolated = CpuSet.parse("2-5");
    assertThat(rotation.next(T0, isolated, CpuSet.of(2), INTERVAL)).hasValue(3);
    rotation.ended(3, T0);
    assertThat(rotation.next(T0, isolated, CpuSet.of(2), INTERVAL)).hasValue(4);
    rotation.ended(4, T0);
    rotation.ended(5, T0.plusSeconds(10));
    assertThat(rotation.next(T0.plusSeconds(10), isolated, CpuSet.of(2), INTERVAL)).isEmpty();
    assertThat(rotation.untilNextDue(T0.plusSeconds(10), isolated, CpuSet.of(2), INTERVAL))
        .isEqualTo(Duration.ofSeconds(290));
  }

  @Test
  void theCpuOverdueLongestGoesFirst() {
    CpuSet isolated = CpuSet.parse("2-4");
    rotation.ended(2, T0.plusSeconds(20));
    rotation.ended(3, T0);
    rotation.ended(4, T0.plusSeconds(10));
    assertThat(rotation.next(T0.plusSeconds(400), isolated, CpuSet.empty(), INTERVAL)).hasValue(3);
    assertThat(rotation.next(T0.plusSeconds(400), isolated, CpuSet.of(3), INTERVAL)).hasValue(4);
  }

  @Test
  void allHeldMeansNothingToDo() {
    CpuSet isolated = CpuSet.parse("2-3");
    assertThat(rotation.next(T0, isolated, isolated, INTERVAL)).isEmpty();
    assertThat(rotation.untilNextDue(T0, isolated, isolated, INTERVAL)).isEqualTo(INTERVAL);
  }
}
