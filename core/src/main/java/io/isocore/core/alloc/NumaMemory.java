package io.isocore.core.alloc;

import io.isocore.core.topology.HugepagePool;
import io.isocore.core.topology.NumaNode;
import java.util.Locale;

/**
 * Ordinary memory per NUMA node: what pods with exclusive CPUs (whose {@code cpuset.mems} pins
 * their memory to the node of their cores) may take. The capacity is the node's {@code MemTotal}
 * less its hugepage pools, as the kubelet subtracts hugepages from allocatable memory.
 */
public final class NumaMemory {

  /** Capacity of a NUMA node whose memory is unknown: not checked. */
  static final long UNKNOWN = Long.MAX_VALUE;

  private NumaMemory() {}

  /**
   * The ordinary memory of a NUMA node, or {@link #UNKNOWN} when the agent published no {@code
   * MemTotal} (0: an older agent, or an unreadable meminfo, which the agent reports as Degraded).
   */
  static long capacity(NumaNode numa) {
    if (numa.memoryTotalBytes() <= 0) {
      return UNKNOWN;
    }
    long hugepages = 0;
    for (HugepagePool pool : numa.hugepages()) {
      try {
        hugepages =
            Math.addExact(hugepages, Math.multiplyExact(pool.total(), pool.pageSizeBytes()));
      } catch (ArithmeticException e) {
        return 0; // more hugepages than any memory: nothing ordinary is left
      }
    }
    return Math.max(0, numa.memoryTotalBytes() - hugepages);
  }

  /**
   * Returns bytes for a message: {@code 48Gi}, {@code 31.5Gi}, {@code 512Mi}, {@code 100} (one
   * decimal, rounded down).
   */
  public static String format(long bytes) {
    String[] units = {"Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
    if (bytes < 1024) {
      return Long.toString(Math.max(bytes, 0));
    }
    int unit = 0;
    long scale = 1024;
    while (unit + 1 < units.length && bytes / scale >= 1024) {
      unit++;
      scale *= 1024;
    }
    long whole = bytes / scale;
    long tenths = Math.min(9, (bytes % scale) / (scale / 10));
    return tenths == 0
        ? whole + units[unit]
        : String.format(Locale.ROOT, "%d.%d%s", whole, tenths, units[unit]);
  }
}
