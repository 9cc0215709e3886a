package io.isocore.charts;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The agent's own-node ValidatingAdmissionPolicy, its CEL evaluated for real (dev.cel) against the
 * requests an agent makes: writes to its own node's objects pass, writes to another node's objects
 * and writes without the token's node claim are denied, other users are not matched.
 */
class AdmissionPolicyCelTest {

  private static final String AGENT =
      "system:serviceaccount:" + RenderedChart.NAMESPACE + ":isocore-agent";
  private static final String OPERATOR =
      "system:serviceaccount:" + RenderedChart.NAMESPACE + ":isocore-operator";

  private final AdmissionPolicyEvaluator evaluator =
      new AdmissionPolicyEvaluator(
          RenderedChart.render(Map.of()).one(ValidatingAdmissionPolicy.class, "-own-node"));

  private static Map<String, Object> request(
      String user, String node, String operation, String resource, String subresource) {
    Map<String, Object> extra =
        node == null ? Map.of() : Map.of("authentication.kubernetes.io/node-name", List.of(node));
    return Map.of(
        "operation",
        operation,
        "userInfo",
        Map.of("username", user, "extra", extra),
        "resource",
        Map.of("group", "isocore.io", "version", "v1alpha1", "resource", resource),
        "subResource",
        subresource);
  }

  private static Map<String, Object> topology(String name) {
    return Map.of("metadata", Map.of("name", name), "spec", Map.of("nodeName", name));
  }

  private static Map<String, Object> allocation(String node) {
    return Map.of(
        "metadata", Map.of("name", "feed", "namespace", "md"),
        "spec", Map.of("nodeName", node, "podName", "feed"));
  }

  @Test
  void everyExpressionCompiles() {
    assertThat(evaluator.expressions()).hasSize(8).allSatisfy(evaluator::compile);
  }

  @Test
  void agentWritesItsOwnNodesObjects() {
    var create =
        evaluator.admit(request(AGENT, "n1", "CREATE", "nodetopologies", ""), topology("n1"), null);
    assertThat(create.applied()).isTrue();
    assertThat(create.admitted()).isTrue();
    var status =
        evaluator.admit(
            request(AGENT, "n1", "UPDATE", "coreallocations", "status"),
            allocation("n1"),
            allocation("n1"));
    assertThat(status.admitted()).isTrue();
  }

  @Test
  void agentCannotWriteAnotherNodesTopologyOrAllocations() {
    assertThat(
            evaluator
                .admit(
                    request(AGENT, "n1", "UPDATE", "nodetopologies", "status"),
                    topology("n2"),
                    topology("n2"))
                .denials())
        .containsExactly("the isocore agent on node n1 may only write NodeTopology n1");
    assertThat(
            evaluator
                .admit(
                    request(AGENT, "n1", "UPDATE", "coreallocations", "status"),
                    allocation("n2"),
                    allocation("n2"))
                .denials())
        .containsExactly(
            "the isocore agent on node n1 may only write CoreAllocations of that node");
    // A DELETE has no object: the old one is checked.
    assertThat(
            evaluator
                .admit(request(AGENT, "n1", "DELETE", "nodetopologies", ""), null, topology("n2"))
                .denials())
        .containsExactly("the isocore agent on node n1 may only write NodeTopology n1");
  }

  @Test
  void agentWithoutANodeBoundTokenIsDenied() {
    assertThat(
            evaluator
                .admit(request(AGENT, null, "CREATE", "nodetopologies", ""), topology("n1"), null)
                .denials())
        .contains("the isocore agent must authenticate with a node-bound service account token");
  }

  @Test
  void otherUsersAreNotMatched() {
    var operator =
        evaluator.admit(
            request(OPERATOR, null, "CREATE", "coreallocations", ""), allocation("n7"), null);
    assertThat(operator.applied()).isFalse();
    assertThat(operator.admitted()).isTrue();
  }
}
