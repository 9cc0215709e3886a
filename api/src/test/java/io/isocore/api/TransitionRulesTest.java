package io.isocore.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isocore.api.testing.CrValidator;
import io.isocore.api.testing.CrdSchemas;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The CRDs' transition rules ({@code oldSelf}), evaluated by CEL on updates with an old object. */
class TransitionRulesTest {

  private final CrValidator validator = new CrValidator();

  private static ObjectNode allocation() throws IOException {
    return (ObjectNode)
        CrdSchemas.YAML.readTree(
            """
            apiVersion: isocore.io/v1alpha1
            kind: CoreAllocation
            metadata: {name: feed, namespace: md}
            spec:
              podName: feed
              podUid: 6f1c1c0e-1f4e-4a9b-9d6c-0a6a3c6f9b11
              nodeName: n1
              numaNode: 0
              containers:
                - {name: handler, cpuMode: Exclusive, cpus: "2-3"}
            """);
  }

  @Test
  void aCoreAllocationsSpecCannotChange() throws IOException {
    JsonNode old = allocation();
    ObjectNode moved = allocation();
    ((ObjectNode) moved.get("spec")).put("nodeName", "n2");
    assertThat(validator.validateUpdate(moved, old))
        .containsExactly("$.spec: a CoreAllocation's spec is immutable");
    ObjectNode recpu = allocation();
    ((ObjectNode) recpu.at("/spec/containers/0")).put("cpus", "4-5");
    assertThat(validator.validateUpdate(recpu, old))
        .containsExactly("$.spec: a CoreAllocation's spec is immutable");
  }

  @Test
  void statusMayChangeAndCreatesSkipTransitionRules() throws IOException {
    JsonNode old = allocation();
    ObjectNode applied = allocation();
    applied.putObject("status").put("phase", "Applied");
    assertThat(validator.validateUpdate(applied, old)).isEmpty();
    assertThat(validator.validate(allocation())).isEmpty();
  }
}
