package io.isocore.agent.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.api.v1alpha1.Condition;
import io.isocore.api.v1alpha1.Condition.ConditionStatus;
import io.isocore.core.node.Degradation;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeTopologyConditionsTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant T1 = Instant.parse("2026-01-01T00:01:00Z");

  @Test
  void transitionTimeChangesOnlyWithTheStatus() {
    List<Condition> first = NodeTopologyConditions.next(null, List.of(), 8, 1, T0);
    assertThat(first).extracting(Condition::type).containsExactly("Ready", "Degraded");
    assertThat(first).allSatisfy(c -> assertThat(c.lastTransitionTime()).isEqualTo(T0.toString()));

    List<Degradation> bad = List.of(new Degradation("/sys/x", "garbage"));
    List<Condition> second = NodeTopologyConditions.next(first, bad, 8, 2, T1);
    assertThat(second.get(0).lastTransitionTime()).isEqualTo(T0.toString());
    assertThat(second.get(0).observedGeneration()).isEqualTo(2);
    assertThat(second.get(1).status()).isEqualTo(ConditionStatus.True);
    assertThat(second.get(1).lastTransitionTime()).isEqualTo(T1.toString());
    assertThat(second.get(1).message()).isEqualTo("/sys/x: garbage");
  }

  @Test
  void longListsOfFilesAreCut() {
    List<Degradation> many =
        java.util.stream.IntStream.range(0, 8)
            .mapToObj(i -> new Degradation("/sys/f" + i, "bad"))
            .toList();
    assertThat(NodeTopologyConditions.message(many))
        .isEqualTo(
            "/sys/f0: bad; /sys/f1: bad; /sys/f2: bad; /sys/f3: bad; /sys/f4: bad; and 3 more");
  }
}
