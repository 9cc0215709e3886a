package io.isocore.agent.enforce;

import io.isocore.core.cpu.CpuSet;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The node as the final arbiter of its cores: allocations claim their exclusive CPUs in order
 * (oldest first), and one whose CPUs another already holds is refused, naming the holder, so no CPU
 * is ever enforced for two pods whatever the API server holds (a stale operator's write, a
 * hand-made allocation). Pure.
 */
final class ExclusiveCpuClaims {
  private ExclusiveCpuClaims() {}

  /**
   * Claims the allocation's exclusive CPUs in {@code granted} (CPU -> holder key) when none is
   * taken; otherwise claims nothing and returns why.
   */
  static Optional<String> claim(
      Map<Integer, String> granted, String key, DesiredAllocation allocation) {
    CpuSet cpus = CpuSet.empty();
    for (DesiredContainer c : allocation.containers()) {
      if (c.exclusive()) {
        cpus = cpus.union(c.cpus());
      }
    }
    Map<String, CpuSet> clashes = new TreeMap<>();
    for (int cpu : cpus.stream().toArray()) {
      String holder = granted.get(cpu);
      if (holder != null && !holder.equals(key)) {
        clashes.merge(holder, CpuSet.of(cpu), CpuSet::union);
      }
    }
    if (!clashes.isEmpty()) {
      StringBuilder why = new StringBuilder("not enforced: CPUs ");
      String sep = "";
      for (Map.Entry<String, CpuSet> e : clashes.entrySet()) {
        why.append(sep)
            .append(e.getValue().toListString())
            .append(" are held by CoreAllocation ")
            .append(e.getKey());
        sep = "; CPUs ";
      }
      return Optional.of(why.append(" (granted earlier on this node)").toString());
    }
    for (int cpu : cpus.stream().toArray()) {
      granted.put(cpu, key);
    }
    return Optional.empty();
  }
}
