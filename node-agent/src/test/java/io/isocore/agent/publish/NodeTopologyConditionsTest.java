package io.isocore.agent.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
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
    assertThat(first).extracting(Condition::getType).containsExactly("Ready", "Degraded");
    assertThat(first)
        .allSatisfy(c -> assertThat(c.getLastTransitionTime()).isEqualTo(T0.toString()));

    List<Degradation> bad = List.of(new Degradation("/sys/x", "garbage"));
    List<Condition> second = NodeTopologyConditions.next(first, bad, 8, 2, T1);
    assertThat(second.get(0).getLastTransitionTime()).isEqualTo(T0.toString());
    assertThat(second.get(0).getObservedGeneration()).isEqualTo(2);
    assertThat(second.get(1).getStatus()).isEqualTo("True");
    assertThat(second.get(1).getLastTransitionTime()).isEqualTo(T1.toString());
    assertThat(second.get(1).getMessage()).isEqualTo("/sys/x: garbage");
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
