package io.isocore.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * The hugepages of one size on one NUMA node.
 *
 * @param size the page size in Kubernetes notation (2Mi, 1Gi)
 * @param total pages in the pool
 * @param free pages not in use
 * @param surplus pages allocated above the pool
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HugepageInfo(
    @JsonPropertyDescription("Page size in Kubernetes notation: 2Mi or 1Gi.")
        @Required
        @Pattern(CpuLists.HUGEPAGE_SIZE)
        @Size(max = 8)
        String size,
    @JsonPropertyDescription("Pages in the pool (nr_hugepages).") Long total,
    @JsonPropertyDescription("Pages not in use (free_hugepages).") Long free,
    @JsonPropertyDescription("Pages allocated above the pool (surplus_hugepages).") Long surplus) {}
