package io.isocore.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * One container's share.
 *
 * @param name the container name
 * @param cpuMode Exclusive (its own cores) or Shared (the node's shared pool)
 * @param cpus the exclusive CPUs
 * @param cpuWeight CFS weight on the shared pool
 * @param hugepages hugepages served to the container
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self.cpuMode == 'Exclusive' ? has(self.cpus) : !has(self.cpus)",
    message = "cpus is required for Exclusive containers and not allowed for Shared ones")
public record ContainerAllocation(
    @JsonPropertyDescription("Container name.") @Required @Size(max = 63) String name,
    @JsonPropertyDescription(
            "Exclusive: the container runs alone on cpus. Shared: it runs on the node's shared"
                + " pool.")
        @Required
        CpuMode cpuMode,
    @JsonPropertyDescription("The container's exclusive CPUs, Linux list format.")
        @Pattern(CpuLists.NON_EMPTY)
        @Size(max = CpuLists.MAX_LENGTH)
        String cpus,
    @JsonPropertyDescription(
            "CFS weight on the shared pool (cgroup v2 cpu.weight, 1-10000), from the tenant's"
                + " tickets; cgroup v1 gets the matching cpu.shares.")
        @Min(1)
        @Max(10000)
        Integer cpuWeight,
    @JsonPropertyDescription("Hugepages served to the container from the allocation's NUMA node.")
        List<HugepageAllocation> hugepages) {

  /** Where a container runs. */
  public enum CpuMode {
    /** On its own cores. */
    Exclusive,
    /** On the node's shared pool. */
    Shared
  }
}
