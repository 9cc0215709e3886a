package io.isocore.kube.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionsTest {

  static final Instant T0 = Instant.parse("2026-12-01T10:00:00.700Z");
  static final Instant T1 = Instant.parse("2026-12-01T11:00:00Z");

  @Test
  void transitionTimeMovesOnlyWithTheStatus() {
    Condition first = Conditions.condition(List.of(), "Ready", true, "Applied", "ok", 1L, T0);
    assertThat(first.getLastTransitionTime()).isEqualTo("2026-12-01T10:00:00Z");
    assertThat(first.getStatus()).isEqualTo("True");
    assertThat(first.getObservedGeneration()).isEqualTo(1L);
    Condition same =
        Conditions.condition(List.of(first), "Ready", true, "Applied", "still ok", 2L, T1);
    assertThat(same.getLastTransitionTime()).isEqualTo("2026-12-01T10:00:00Z");
    Condition flipped =
        Conditions.condition(List.of(first), "Ready", false, "Failed", "no", 2L, T1);
    assertThat(flipped.getLastTransitionTime()).isEqualTo("2026-12-01T11:00:00Z");
    assertThat(flipped.getStatus()).isEqualTo("False");
  }

  @Test
  void comparisonIgnoresOnlyTheTime() {
    Condition a = Conditions.condition(List.of(), "Ready", true, "R", "m", 1L, T0);
    Condition b = Conditions.condition(List.of(), "Ready", true, "R", "m", 1L, T1);
    Condition c = Conditions.condition(List.of(), "Ready", true, "R", "m", 2L, T1);
    assertThat(Conditions.sameIgnoringTime(List.of(a), List.of(b))).isTrue();
    assertThat(Conditions.sameIgnoringTime(List.of(a), List.of(c))).isFalse();
    assertThat(Conditions.sameIgnoringTime(null, List.of())).isTrue();
    assertThat(Conditions.isTrue(List.of(a), "Ready")).isTrue();
    assertThat(Conditions.isTrue(List.of(a), "Degraded")).isFalse();
  }
}
