package io.isocore.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/**
 * A NUMA node.
 *
 * @param id the node id
 * @param cpus its online CPUs (empty for a memory-only node)
 * @param memoryTotalBytes MemTotal
 * @param memoryFreeBytes MemFree
 * @param distances SLIT distances to every node, in the order of numaNodes
 * @param hugepages hugepage pools by size
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NumaNodeInfo(
    @JsonPropertyDescription("The kernel's NUMA node id.") @Required Integer id,
    @JsonPropertyDescription("Online CPUs local to the node; empty for a memory-only node.")
        @Pattern(CpuLists.MAYBE_EMPTY)
        @Size(max = CpuLists.MAX_LENGTH)
        String cpus,
    @JsonPropertyDescription("MemTotal of the node, in bytes.") Long memoryTotalBytes,
    @JsonPropertyDescription("MemFree of the node, in bytes.") Long memoryFreeBytes,
    @JsonPropertyDescription("SLIT distance to each node, in the order of status.numaNodes.")
        List<Integer> distances,
    @JsonPropertyDescription("Hugepage pools of the node, one per page size.")
        List<HugepageInfo> hugepages) {}
