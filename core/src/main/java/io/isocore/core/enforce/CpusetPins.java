package io.isocore.core.enforce;

import io.isocore.core.cpu.CpuSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which cgroups keep a cpuset of their own in one enforcement pass (the pinned input of {@link
 * CpusetPlanner}); every other leaf gets the shared pool.
 *
 * <ul>
 *   <li>An exclusive container of an accepted allocation gets its CPUs, with {@code cpuset.mems}
 *       the allocation's NUMA node.
 *   <li>A container of a rejected allocation is left as it is, minus every accepted allocation's
 *       exclusive CPUs, so nothing else changes because of it; when nothing is left (or its memory
 *       nodes are unknown) it gets the shared pool.
 *   <li>A shared container of an accepted allocation is not pinned: it gets the shared pool.
 * </ul>
 */
public final class CpusetPins {

  private CpusetPins() {}

  /**
   * A container whose cgroup was found.
   *
   * @param cgroup its cgroup, relative to the cpuset hierarchy
   * @param exclusive whether it runs alone on {@code cpus}
   * @param cpus its exclusive CPUs (empty for a shared container)
   */
  public record Located(String cgroup, boolean exclusive, CpuSet cpus) {}

  /**
   * One allocation's located containers.
   *
   * @param numaNode the NUMA node of its exclusive CPUs and memory
   * @param rejected whether its grant was rejected (its containers are left alone)
   * @param containers the containers whose cgroups exist
   */
  public record Allocation(int numaNode, boolean rejected, List<Located> containers) {
    /** Copies the list. */
    public Allocation {
      containers = List.copyOf(containers);
    }
  }

  /**
   * Returns the pinned cgroups and their values.
   *
   * @param allocations the allocations of the pass
   * @param observed the cpuset tree as read (every located cgroup is in it)
   * @param exclusive the exclusive CPUs of every accepted allocation
   * @param shared the shared pool and the node's memory nodes
   * @throws IllegalArgumentException when a rejected allocation's cgroup is not in {@code observed}
   */
  public static Map<String, CpusetValue> decide(
      List<Allocation> allocations, CgroupTree observed, CpuSet exclusive, CpusetValue shared) {
    Map<String, CpusetValue> pinned = new HashMap<>();
    for (Allocation allocation : allocations) {
      for (Located l : allocation.containers()) {
        if (allocation.rejected()) {
          pinned.put(l.cgroup(), leftAlone(observed, l.cgroup(), exclusive, shared));
        } else if (l.exclusive()) {
          pinned.put(l.cgroup(), new CpusetValue(l.cpus(), CpuSet.of(allocation.numaNode())));
        }
      }
    }
    return Map.copyOf(pinned);
  }

  private static CpusetValue leftAlone(
      CgroupTree observed, String cgroup, CpuSet exclusive, CpusetValue shared) {
    CpusetValue now =
        observed
            .value(cgroup)
            .orElseThrow(() -> new IllegalArgumentException(cgroup + " was not observed"));
    CpuSet keep = now.cpus().minus(exclusive);
    return keep.isEmpty() || now.mems().isEmpty() ? shared : new CpusetValue(keep, now.mems());
  }
}
