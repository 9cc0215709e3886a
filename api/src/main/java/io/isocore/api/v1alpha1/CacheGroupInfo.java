package io.isocore.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * CPUs sharing one L3 cache.
 *
 * @param id the cache id
 * @param cpus the CPUs sharing it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CacheGroupInfo(
    @JsonPropertyDescription("The cache id (or a dense index where the kernel shows none).")
        @Required
        Integer id,
    @JsonPropertyDescription("CPUs sharing the cache, Linux list format.")
        @Pattern(CpuLists.NON_EMPTY)
        @Size(max = CpuLists.MAX_LENGTH)
        String cpus) {}
