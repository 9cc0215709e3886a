package io.isocore.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/**
 * What the profile found on its nodes.
 *
 * @param observedGeneration the spec generation this status reflects
 * @param matchedNodes how many nodes match
 * @param nodes a few example nodes (those with findings first); every node's own report is in its
 *     NodeTopology's status.profile
 * @param usableNodes matched nodes isocore can place on
 * @param degradedNodes matched nodes with findings
 * @param conditions Ready; Degraded when a node does not isolate what the profile asks for;
 *     HeldCpuNoiseSlo when {@code spec.heldCpuNoise} is set
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IsolationProfileStatus(
    @JsonPropertyDescription("The metadata.generation this status reflects.")
        Long observedGeneration,
    @JsonPropertyDescription("Number of nodes the profile matches.") Integer matchedNodes,
    @JsonPropertyDescription(
            "Up to 5 example nodes, those with findings first, with their findings and recommended"
                + " kernel command line. Every node's own report is in its NodeTopology's"
                + " status.profile, so this object does not grow with the nodes it selects.")
        @Size(max = 5)
        List<ProfileNodeStatus> nodes,
    @JsonPropertyDescription("Matched nodes isocore can place pods on.") Integer usableNodes,
    @JsonPropertyDescription("Matched nodes whose kernel differs from the profile (findings).")
        Integer degradedNodes,
    @JsonPropertyDescription(
            "Ready; Degraded when a node's kernel does not isolate what is asked; HeldCpuNoiseSlo"
                + " when spec.heldCpuNoise is set (False: out of bounds, not applied, the rest of"
                + " the profile still is).")
        @SchemaFrom(type = ConditionSchema[].class)
        List<Condition> conditions) {}
