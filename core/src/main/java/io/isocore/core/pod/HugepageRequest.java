package io.isocore.core.pod;

import io.isocore.core.topology.HugepageSizes;

/**
 * Hugepages of one page size that a container asks for.
 *
 * @param pageSizeBytes the page size in bytes (2097152 for 2Mi, 1073741824 for 1Gi)
 * @param bytes the bytes requested: a positive multiple of the page size
 */
public record HugepageRequest(long pageSizeBytes, long bytes) {

  /** Rejects a non-positive size or amount, and an amount that is not whole pages. */
  public HugepageRequest {
    if (pageSizeBytes <= 0) {
      throw new IllegalArgumentException("hugepage size must be positive, got " + pageSizeBytes);
    }
    if (bytes <= 0 || bytes % pageSizeBytes != 0) {
      throw new IllegalArgumentException(
          "hugepages-"
              + HugepageSizes.name(pageSizeBytes)
              + " request of "
              + bytes
              + " bytes is not a positive multiple of the page size "
              + pageSizeBytes);
    }
  }

  /** Returns the number of pages. */
  public long pages() {
    return bytes / pageSizeBytes;
  }

  /** Returns the page size in Kubernetes notation: {@code 2Mi}, {@code 1Gi}. */
  public String sizeName() {
    return HugepageSizes.name(pageSizeBytes);
  }
}
