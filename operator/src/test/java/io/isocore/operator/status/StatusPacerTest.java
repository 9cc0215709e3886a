package io.isocore.operator.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusPacerTest {
  private static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");

  @Test
  void figureOnlyWritesWaitForTheIntervalUrgentOnesDoNot() {
    StatusPacer pacer = new StatusPacer(Duration.ofSeconds(5));
    assertThat(pacer.due("u", false, T0)).as("first write goes at once").isZero();
    pacer.written("u", T0);
    assertThat(pacer.due("u", false, T0.plusSeconds(2))).isEqualTo(Duration.ofSeconds(3));
    assertThat(pacer.due("u", true, T0.plusSeconds(2))).as("a condition change").isZero();
    assertThat(pacer.due("u", false, T0.plusSeconds(5))).isZero();
    assertThat(pacer.due("other", false, T0.plusSeconds(1))).isZero();
  }

  @Test
  void forgottenObjectsStartAfresh() {
    StatusPacer pacer = new StatusPacer(Duration.ofSeconds(5));
    pacer.written("u", T0);
    pacer.retain(List.of("v"));
    assertThat(pacer.due("u", false, T0.plusSeconds(1))).isZero();
  }

  @Test
  void aNegativeIntervalIsRefused() {
    assertThatThrownBy(() -> new StatusPacer(Duration.ofSeconds(-1)))
        .hasMessageContaining("must not be negative");
  }
}
