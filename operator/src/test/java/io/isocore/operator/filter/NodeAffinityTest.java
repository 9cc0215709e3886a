package io.isocore.operator.filter;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeAffinityTest {
  private static final Node NODE =
      new NodeBuilder()
          .withNewMetadata()
          .withName("n7")
          .withLabels(Map.of("zone", "a", "cores", "64", "isocore.io/ready", ""))
          .endMetadata()
          .build();

  @ParameterizedTest(name = "{0} {1} {2} -> {3}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "zone | In | a,b | true",
        "zone | In | b | false",
        "missing | In | a | false",
        "zone | NotIn | b | true",
        "zone | NotIn | a | false",
        "missing | NotIn | a | true",
        "zone | Exists | - | true",
        "missing | Exists | - | false",
        "missing | DoesNotExist | - | true",
        "zone | DoesNotExist | - | false",
        "cores | Gt | 32 | true",
        "cores | Gt | 64 | false",
        "cores | Lt | 65 | true",
        "cores | Lt | 64 | false",
        "zone | Gt | 1 | false",
        "missing | Lt | 100 | false",
        "zone | Bogus | a | false",
      })
  void matchExpressionOperators(String key, String op, String values, boolean matches) {
    var r =
        new NodeSelectorRequirement(
            key, op, values == null ? List.of() : Arrays.asList(values.split(",")));
    assertThat(NodeAffinity.matches(new NodeSelectorTerm(List.of(r), null), NODE))
        .isEqualTo(matches);
  }

  @Test
  void matchFieldsOnMetadataNameOnly() {
    var byName = new NodeSelectorRequirement("metadata.name", "In", List.of("n7"));
    var notByName = new NodeSelectorRequirement("metadata.name", "NotIn", List.of("n7"));
    var otherField = new NodeSelectorRequirement("spec.podCIDR", "In", List.of("n7"));
    assertThat(NodeAffinity.matches(new NodeSelectorTerm(null, List.of(byName)), NODE)).isTrue();
    assertThat(NodeAffinity.matches(new NodeSelectorTerm(null, List.of(notByName)), NODE))
        .isFalse();
    assertThat(NodeAffinity.matches(new NodeSelectorTerm(null, List.of(otherField)), NODE))
        .isFalse();
  }

  @Test
  void emptyTermMatchesNothingAndTermsAreOred() {
    assertThat(NodeAffinity.matches(new NodeSelectorTerm(List.of(), List.of()), NODE)).isFalse();
    Pod pod =
        new PodBuilder()
            .withNewSpec()
            .withNewAffinity()
            .withNewNodeAffinity()
            .withNewRequiredDuringSchedulingIgnoredDuringExecution()
            .addNewNodeSelectorTerm()
            .addNewMatchExpression()
            .withKey("zone")
            .withOperator("In")
            .withValues("z")
            .endMatchExpression()
            .endNodeSelectorTerm()
            .addNewNodeSelectorTerm()
            .addNewMatchExpression()
            .withKey("zone")
            .withOperator("In")
            .withValues("a")
            .endMatchExpression()
            .addNewMatchExpression()
            .withKey("cores")
            .withOperator("Gt")
            .withValues("8")
            .endMatchExpression()
            .endNodeSelectorTerm()
            .endRequiredDuringSchedulingIgnoredDuringExecution()
            .endNodeAffinity()
            .endAffinity()
            .endSpec()
            .build();
    assertThat(NodeAffinity.reject(pod, NODE)).isEmpty();
  }

  @Test
  void nodeSelectorNeedsEveryLabel() {
    Pod ok = new PodBuilder().withNewSpec().withNodeSelector(Map.of("zone", "a")).endSpec().build();
    Pod bad =
        new PodBuilder()
            .withNewSpec()
            .withNodeSelector(Map.of("zone", "a", "disk", "ssd"))
            .endSpec()
            .build();
    assertThat(NodeAffinity.reject(ok, NODE)).isEmpty();
    assertThat(NodeAffinity.reject(bad, NODE))
        .contains("node(s) didn't match Pod's node affinity/selector");
  }
}
