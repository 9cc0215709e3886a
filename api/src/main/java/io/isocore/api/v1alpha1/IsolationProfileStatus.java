package io.isocore.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/**
 * What the profile found on its nodes.
 *
 * @param observedGeneration the spec generation this status reflects
 * @param matchedNodes how many nodes match
 * @param nodes per-node findings and the recommended kernel command line
 * @param conditions Ready; Degraded when a node does not isolate what the profile asks for
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IsolationProfileStatus(
    @JsonPropertyDescription("The metadata.generation this status reflects.")
        Long observedGeneration,
    @JsonPropertyDescription("Number of nodes the profile matches.") Integer matchedNodes,
    @JsonPropertyDescription("Per-node findings and the recommended kernel command line.")
        List<ProfileNodeStatus> nodes,
    @JsonPropertyDescription("Ready; Degraded when a node's kernel does not isolate what is asked.")
        @SchemaFrom(type = ConditionSchema[].class)
        List<Condition> conditions) {}
