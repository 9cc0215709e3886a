package io.isocore.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

/**
 * An online logical CPU.
 *
 * @param id the CPU id
 * @param core the core id (lowest sibling)
 * @param socket the package id
 * @param die the die id
 * @param cluster the cluster id, or -1
 * @param numaNode the NUMA node id
 * @param l3Group the L3 group id, or -1
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CpuInfo(
    @JsonPropertyDescription("Logical CPU id.") @Required @Min(0) @Max(CpuLists.MAX_CPU_ID)
        Integer id,
    @JsonPropertyDescription("Core id (the lowest CPU of its core).")
        @Min(0)
        @Max(CpuLists.MAX_CPU_ID)
        Integer core,
    @JsonPropertyDescription("Package id.") Integer socket,
    @JsonPropertyDescription("Die id.") Integer die,
    @JsonPropertyDescription("Cluster id (ARM), or -1.") Integer cluster,
    @JsonPropertyDescription("NUMA node id.") Integer numaNode,
    @JsonPropertyDescription("L3 cache group id, or -1.") Integer l3Group) {}
