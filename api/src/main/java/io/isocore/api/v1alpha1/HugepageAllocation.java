package io.isocore.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * Hugepages of one size for one container.
 *
 * @param size page size, 2Mi or 1Gi
 * @param bytes bytes requested
 * @param numaNode the NUMA node serving them
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HugepageAllocation(
    @JsonPropertyDescription("Page size: 2Mi or 1Gi.")
        @Required
        @Pattern(CpuLists.HUGEPAGE_SIZE)
        @Size(max = 8)
        String size,
    @JsonPropertyDescription("Bytes of hugepages, a multiple of the page size.") @Required @Min(1)
        Long bytes,
    @JsonPropertyDescription("NUMA node serving the pages.") @Required @Min(0) Integer numaNode) {}
