package io.isocore.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * A physical core.
 *
 * @param id the lowest CPU of the core: unique on the node
 * @param socket the package id
 * @param die the die id
 * @param numaNode the NUMA node id
 * @param coreId the kernel's core_id (not unique)
 * @param cpus the SMT siblings
 * @param l3Group the L3 group id, or -1
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CoreInfo(
    @JsonPropertyDescription("Core id on this node: its lowest CPU id.") @Required Integer id,
    @JsonPropertyDescription("Package id.") Integer socket,
    @JsonPropertyDescription("Die id (0 where the kernel shows none).") Integer die,
    @JsonPropertyDescription("NUMA node id.") Integer numaNode,
    @JsonPropertyDescription("The kernel's core_id; not unique across packages or dies.")
        Integer coreId,
    @JsonPropertyDescription("The core's online SMT siblings, Linux list format.")
        @Pattern(CpuLists.NON_EMPTY)
        @Size(max = CpuLists.MAX_LENGTH)
        String cpus,
    @JsonPropertyDescription("L3 cache group id, or -1 without L3.") Integer l3Group) {}
