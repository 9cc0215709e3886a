package io.isocore.agent.enforce;

import io.isocore.core.cpu.CpuSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The node as the final arbiter of its cores: allocations claim their exclusive CPUs and the
 * siblings they hold idle ({@code spec.idleCpus}) in order (oldest first), and one whose CPUs
 * another already holds is refused, naming the holder, so no CPU is ever enforced for two pods
 * whatever the API server holds (a stale operator's write, a hand-made allocation). An exclusive
 * CPU that is another allocation's idle sibling is refused like one that is its exclusive CPU, and
 * so is an idle sibling that is another's exclusive CPU: a busy sibling is what holding it idle
 * prevents. Two allocations holding the same sibling idle do not clash (it stays idle). Pure.
 *
 * <p>The map the caller keeps is CPU -> holder: the holder's key ({@code namespace/name}) for an
 * exclusive CPU, the key followed by {@link #IDLE} for an idle sibling ({@code #} is in no
 * Kubernetes name, so the two never mix up).
 */
final class ExclusiveCpuClaims {

  /** Marks an idle-sibling claim in the caller's map. */
  static final String IDLE = "#idle";

  private ExclusiveCpuClaims() {}

  /**
   * Claims the allocation's exclusive CPUs and idle siblings in {@code granted} (CPU -> holder)
   * when none clashes with an earlier claim; otherwise claims nothing and returns why.
   */
  static Optional<String> claim(
      Map<Integer, String> granted, String key, DesiredAllocation allocation) {
    CpuSet cpus = allocation.exclusiveCpus();
    CpuSet idle = allocation.idleCpus().minus(cpus);
    Map<String, CpuSet> exclusiveOnExclusive = new TreeMap<>();
    Map<String, CpuSet> exclusiveOnIdle = new TreeMap<>();
    Map<String, CpuSet> idleOnExclusive = new TreeMap<>();
    for (int cpu : cpus.stream().toArray()) {
      String holder = granted.get(cpu);
      if (holder == null || holder.equals(key) || holder.equals(key + IDLE)) {
        continue;
      }
      if (holder.endsWith(IDLE)) {
        exclusiveOnIdle.merge(strip(holder), CpuSet.of(cpu), CpuSet::union);
      } else {
        exclusiveOnExclusive.merge(holder, CpuSet.of(cpu), CpuSet::union);
      }
    }
    for (int cpu : idle.stream().toArray()) {
      String holder = granted.get(cpu);
      if (holder != null && !holder.endsWith(IDLE) && !holder.equals(key)) {
        idleOnExclusive.merge(holder, CpuSet.of(cpu), CpuSet::union);
      }
    }
    List<String> why = new ArrayList<>();
    exclusiveOnExclusive.forEach(
        (h, c) -> why.add("CPUs " + c.toListString() + " are held by CoreAllocation " + h));
    exclusiveOnIdle.forEach(
        (h, c) ->
            why.add(
                cpuWord(c)
                    + (c.size() == 1 ? " is the idle sibling" : " are idle siblings")
                    + " held by CoreAllocation "
                    + h));
    idleOnExclusive.forEach(
        (h, c) ->
            why.add(
                "idle sibling "
                    + cpuWord(c)
                    + " of this allocation "
                    + (c.size() == 1 ? "is an exclusive CPU" : "are exclusive CPUs")
                    + " of CoreAllocation "
                    + h));
    if (!why.isEmpty()) {
      return Optional.of(
          "not enforced: " + String.join("; ", why) + " (granted earlier on this node)");
    }
    for (int cpu : cpus.stream().toArray()) {
      granted.put(cpu, key);
    }
    for (int cpu : idle.stream().toArray()) {
      granted.putIfAbsent(cpu, key + IDLE);
    }
    return Optional.empty();
  }

  private static String strip(String holder) {
    return holder.substring(0, holder.length() - IDLE.length());
  }

  private static String cpuWord(CpuSet cpus) {
    return (cpus.size() == 1 ? "CPU " : "CPUs ") + cpus.toListString();
  }
}
