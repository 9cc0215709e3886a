package io.isocore.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * What the kernel says about one container.
 *
 * @param name the container name
 * @param cgroup the container's cgroup path
 * @param cpusEffective cpuset.cpus.effective read back
 * @param memsEffective cpuset.mems.effective read back
 * @param threads threads checked in /proc
 * @param threadsOffCpus threads whose Cpus_allowed_list differs from cpusEffective
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContainerVerification(
    @JsonPropertyDescription("Container name.") @Required @Size(max = 63) String name,
    @JsonPropertyDescription("Path of the container's cgroup under the cpuset hierarchy.")
        @Size(max = 1024)
        String cgroup,
    @JsonPropertyDescription("cpuset.cpus.effective as read back from the kernel.")
        @Size(max = CpuLists.MAX_LENGTH)
        String cpusEffective,
    @JsonPropertyDescription("cpuset.mems.effective as read back from the kernel.")
        @Size(max = CpuLists.MAX_LENGTH)
        String memsEffective,
    @JsonPropertyDescription("Threads whose Cpus_allowed_list was read from /proc.")
        Integer threads,
    @JsonPropertyDescription("Threads allowed on CPUs other than cpusEffective; 0 when enforced.")
        Integer threadsOffCpus) {}
