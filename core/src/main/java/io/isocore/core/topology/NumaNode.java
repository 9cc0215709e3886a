package io.isocore.core.topology;

import io.isocore.core.cpu.CpuSet;
import java.util.List;
import java.util.Optional;

/**
 * A NUMA node. A memory-only node (CXL memory, HBM) has no CPUs.
 *
 * @param id the kernel's node id
 * @param cpus the online CPUs local to the node
 * @param memoryTotalBytes {@code MemTotal} of the node
 * @param memoryFreeBytes {@code MemFree} of the node
 * @param distances the SLIT distance to every node, in the order of the node ids the topology lists
 *     (empty where the kernel gives none)
 * @param hugepages the hugepage pools, one per page size, ascending by size
 */
public record NumaNode(
    int id,
    CpuSet cpus,
    long memoryTotalBytes,
    long memoryFreeBytes,
    List<Integer> distances,
    List<HugepagePool> hugepages) {

  /** Copies the lists so the record stays immutable. */
  public NumaNode {
    distances = List.copyOf(distances);
    hugepages = List.copyOf(hugepages);
  }

  /** Returns the pool of the given page size, if the node has one. */
  public Optional<HugepagePool> hugepages(long pageSizeBytes) {
    return hugepages.stream().filter(p -> p.pageSizeBytes() == pageSizeBytes).findFirst();
  }
}
