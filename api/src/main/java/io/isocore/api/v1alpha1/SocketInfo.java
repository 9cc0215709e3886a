package io.isocore.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/**
 * A physical package.
 *
 * @param id the kernel's physical_package_id
 * @param cpus its online CPUs
 * @param dies its die ids
 * @param numaNodes the NUMA nodes of its CPUs
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SocketInfo(
    @JsonPropertyDescription("The kernel's physical_package_id.") @Required Integer id,
    @JsonPropertyDescription("Online CPUs of the package, Linux list format.")
        @Pattern(CpuLists.MAYBE_EMPTY)
        @Size(max = CpuLists.MAX_LENGTH)
        String cpus,
    @JsonPropertyDescription("Die ids in the package.") List<Integer> dies,
    @JsonPropertyDescription("NUMA node ids holding the package's CPUs.")
        List<Integer> numaNodes) {}
