package io.isocore.agent.enforce;

import io.isocore.agent.cgroup.CgroupAccessException;
import io.isocore.agent.cgroup.CpusetCgroups;
import io.isocore.agent.enforce.AllocationVerifier.Located;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Lifts the CFS bandwidth quota of exclusive containers and of their pod cgroup, and gives the
 * kubelet's value back when the allocation ends.
 *
 * <p>Why: the kubelet turns a Guaranteed pod's CPU limit into a quota on the container and pod
 * cgroups. A container alone on its exclusive CPUs gains nothing from it, but loses whole periods
 * to throttling when the quota runs out; a hot-thread container (its other threads on the shared
 * pool) runs out every period its other threads are busy, and then its hot thread waits on a CPU
 * nobody else may use. The kubelet's static CPU manager policy does the same since Kubernetes 1.32
 * (feature DisableCPUQuotaWithExclusiveCPUs). Shared containers keep their quota; a hot-thread
 * container's other threads are then bounded by the pod's CPU weight on the shared pool, not by a
 * quota (docs/enforcement.md).
 *
 * <p>Remembers the value it replaced per cgroup, so a kubelet rewrite (an in-place resize) is
 * repaired and reported as drift, and the value goes back when the pod leaves isocore. The memory
 * is per agent process, as {@link PodWeights}'s: a restarted agent sees the lifted quota as the
 * value to keep, and the kubelet's own value returns with the pod's next cgroup update.
 */
final class CpuQuotas {

  /**
   * The outcome for one allocation.
   *
   * @param problem what stopped the write
   * @param repaired cgroups whose quota had come back since this agent lifted it
   */
  record Outcome(Optional<String> problem, List<String> repaired) {
    static final Outcome NONE = new Outcome(Optional.empty(), List.of());
  }

  private final CpusetCgroups cgroups;

  /** Per allocation: cgroup to the quota it had before this agent lifted it. */
  private final Map<String, Map<String, Long>> lifted = new HashMap<>();

  CpuQuotas(CpusetCgroups cgroups) {
    this.cgroups = cgroups;
  }

  /** Lifts the quota of {@code found}'s exclusive containers and of their pod cgroup. */
  Outcome apply(String key, List<Located> found) {
    Map<String, Long> before = lifted.computeIfAbsent(key, k -> new LinkedHashMap<>());
    List<String> targets = targets(found);
    List<String> repaired = new ArrayList<>();
    for (String cgroup : targets) {
      try {
        var have = cgroups.cpuQuotaMicros(cgroup);
        if (have.isEmpty()) {
          continue; // no cpu controller for it: nothing to throttle either
        }
        long quota = have.getAsLong();
        if (quota == CpusetCgroups.NO_QUOTA) {
          continue;
        }
        if (before.containsKey(cgroup)) {
          repaired.add(cgroup); // lifted once, back again: the kubelet rewrote it
        }
        before.put(cgroup, quota);
        cgroups.writeCpuQuotaMicros(cgroup, CpusetCgroups.NO_QUOTA);
      } catch (CgroupAccessException e) {
        return new Outcome(Optional.of("CFS quota of " + cgroup + ": " + e.getMessage()), repaired);
      }
    }
    before.keySet().retainAll(targets);
    return new Outcome(Optional.empty(), repaired);
  }

  /**
   * Gives the remembered quota back to every cgroup of an allocation not in {@code keep}, the
   * containers before their pod (cgroup v1 refuses a child quota above its parent's); a cgroup that
   * is gone needs nothing. Returns the warnings.
   */
  List<String> restoreExcept(Set<String> keep) {
    List<String> warnings = new ArrayList<>();
    for (Iterator<Map.Entry<String, Map<String, Long>>> it = lifted.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<String, Map<String, Long>> e = it.next();
      if (keep.contains(e.getKey())) {
        continue;
      }
      List<String> deepestFirst = new ArrayList<>(e.getValue().keySet());
      deepestFirst.sort((a, b) -> Integer.compare(b.length(), a.length()));
      for (String cgroup : deepestFirst) {
        long quota = e.getValue().get(cgroup);
        try {
          var have = cgroups.cpuQuotaMicros(cgroup);
          if (have.isPresent() && have.getAsLong() == CpusetCgroups.NO_QUOTA) {
            cgroups.writeCpuQuotaMicros(cgroup, quota);
          }
        } catch (CgroupAccessException ex) {
          if (cgroups.exists(cgroup)) {
            warnings.add(
                "restoring the kubelet's CFS quota "
                    + quota
                    + " us on "
                    + cgroup
                    + " failed: "
                    + ex.getMessage());
          }
        }
      }
      it.remove();
    }
    return warnings;
  }

  /** The exclusive containers' cgroups, then their pod cgroup. */
  private static List<String> targets(List<Located> found) {
    List<String> targets = new ArrayList<>();
    for (Located l : found) {
      if (l.container().exclusive()) {
        targets.add(l.cgroup());
        String pod = parent(l.cgroup());
        if (!pod.isEmpty() && !targets.contains(pod)) {
          targets.add(pod);
        }
      }
    }
    return targets;
  }

  private static String parent(String cgroup) {
    int slash = cgroup.lastIndexOf('/');
    return slash < 0 ? "" : cgroup.substring(0, slash);
  }
}
