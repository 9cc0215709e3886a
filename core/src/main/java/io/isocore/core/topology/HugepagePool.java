package io.isocore.core.topology;

/**
 * The hugepages of one size on one NUMA node.
 *
 * @param pageSizeBytes the page size in bytes (2097152 for 2Mi, 1073741824 for 1Gi)
 * @param total pages reserved in the pool ({@code nr_hugepages})
 * @param free pages not in use ({@code free_hugepages})
 * @param surplus pages above the pool, allocated on demand ({@code surplus_hugepages})
 */
public record HugepagePool(long pageSizeBytes, long total, long free, long surplus) {

  /** Returns the size in Kubernetes resource notation: {@code 2Mi}, {@code 1Gi}, {@code 64Ki}. */
  public String sizeName() {
    return HugepageSizes.name(pageSizeBytes);
  }
}
