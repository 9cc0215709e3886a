package io.isocore.core.alloc;

import io.isocore.core.topology.HugepagePool;
import io.isocore.core.topology.NumaNode;
import io.isocore.core.topology.Topology;
import java.util.ArrayList;
import java.util.List;

/**
 * Hugepages of one size on one NUMA node that isocore may hand to latency pods; the allocations
 * isocore made are subtracted from it, so this is capacity, not what is free right now.
 *
 * @param numaNode the NUMA node id
 * @param pageSizeBytes the page size in bytes
 * @param pages the pages isocore may hand out
 */
public record HugepageCapacity(int numaNode, long pageSizeBytes, long pages) {

  /** Rejects negative values. */
  public HugepageCapacity {
    if (numaNode < 0 || pageSizeBytes <= 0 || pages < 0) {
      throw new IllegalArgumentException(
          "hugepage capacity needs numaNode >= 0, pageSizeBytes > 0, pages >= 0; got "
              + numaNode
              + ", "
              + pageSizeBytes
              + ", "
              + pages);
    }
  }

  /** Returns the capacity in bytes. */
  public long bytes() {
    return pages * pageSizeBytes;
  }

  /**
   * Returns the pool sizes of a topology: each pool's {@code total} (nr_hugepages), which is what
   * isocore hands out when latency pods are the only hugepage users on the node.
   */
  public static List<HugepageCapacity> ofPoolTotals(Topology topology) {
    List<HugepageCapacity> result = new ArrayList<>();
    for (NumaNode node : topology.numaNodes()) {
      for (HugepagePool pool : node.hugepages()) {
        result.add(new HugepageCapacity(node.id(), pool.pageSizeBytes(), pool.total()));
      }
    }
    return result;
  }
}
