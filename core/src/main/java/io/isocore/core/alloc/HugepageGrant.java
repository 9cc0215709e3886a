package io.isocore.core.alloc;

import io.isocore.core.topology.HugepageSizes;

/**
 * Hugepages of one size given to a container.
 *
 * @param pageSizeBytes the page size in bytes
 * @param bytes the bytes given
 * @param numaNode the NUMA node serving them
 */
public record HugepageGrant(long pageSizeBytes, long bytes, int numaNode) {

  /** Returns the page size in Kubernetes notation: {@code 2Mi}, {@code 1Gi}. */
  public String sizeName() {
    return HugepageSizes.name(pageSizeBytes);
  }
}
