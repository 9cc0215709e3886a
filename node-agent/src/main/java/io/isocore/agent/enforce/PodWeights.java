package io.isocore.agent.enforce;

import io.isocore.agent.cgroup.CgroupAccessException;
import io.isocore.agent.cgroup.CgroupVersion;
import io.isocore.agent.cgroup.CpusetCgroups;
import io.isocore.agent.enforce.AllocationVerifier.Located;
import io.isocore.core.enforce.PodCpuWeight;
import io.isocore.core.enforce.ShareWeighting;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes the pod-level CFS weight of latency pods in {@code Pod} share weighting (the decision is
 * core's {@link PodCpuWeight}) and gives the kubelet's value back when a pod leaves isocore or the
 * mode is turned off. Remembers what it wrote, so a kubelet rewrite (an in-place resize, a pod
 * cgroup update) is repaired and reported as drift. The memory is per agent process: a pod that
 * leaves while the agent is down keeps the scaled weight until its cgroup goes away.
 */
final class PodWeights {

  /** What this agent left a pod cgroup at, and what to give back. */
  private record Written(String podCgroup, long value, long kubelet) {}

  /**
   * The outcome for one allocation.
   *
   * @param problem what stopped the write
   * @param repaired the pod cgroup, when its weight had drifted from what this agent left
   */
  record Outcome(Optional<String> problem, Optional<String> repaired) {
    static final Outcome NONE = new Outcome(Optional.empty(), Optional.empty());
  }

  private final CpusetCgroups cgroups;
  private final PodCpuWeight.Unit unit;
  private final Map<String, Written> written = new HashMap<>();

  PodWeights(CpusetCgroups cgroups) {
    this.cgroups = cgroups;
    this.unit =
        cgroups.version() == CgroupVersion.V1
            ? PodCpuWeight.Unit.CPU_SHARES_V1
            : PodCpuWeight.Unit.CPU_WEIGHT_V2;
  }

  /** The decision for an allocation: empty when it has no shared part or no ticket input. */
  Optional<PodCpuWeight.Decision> decide(DesiredAllocation a, ShareWeighting mode) {
    if (!a.hasShared() || a.podShare().isEmpty()) {
      return Optional.empty();
    }
    PodShare s = a.podShare().get();
    return Optional.of(PodCpuWeight.decide(unit, mode, s.requestMilli(), s.tickets()));
  }

  /**
   * Why the pod weight the tickets ask for cannot be written, naming the fields; null when it can.
   * No weight of the pod (pod or container cgroup) is then written; its cpusets are enforced as
   * usual, since its cores are granted either way.
   */
  static String refused(DesiredAllocation a, Optional<PodCpuWeight.Decision> decision) {
    if (decision.orElse(null) instanceof PodCpuWeight.OutOfRange out) {
      PodShare s = a.podShare().orElseThrow();
      return "pod weight refused, no weight of this pod changed: "
          + out.reason()
          + "; the pod's tickets are its LatencyTenant's spec.tickets minus"
          + " spec.ticketTransfer.tickets lent ("
          + s.lent()
          + ") plus those lent to it ("
          + s.received()
          + ")";
    }
    return null;
  }

  /** Writes a scaled weight on the pod cgroup of {@code found}, where it differs. */
  Outcome apply(String key, List<Located> found, Optional<PodCpuWeight.Decision> decision) {
    if (decision.isEmpty() || !(decision.get() instanceof PodCpuWeight.Scaled scaled)) {
      return Outcome.NONE;
    }
    Optional<String> pod =
        found.stream()
            .filter(l -> !l.container().exclusive())
            .map(l -> parent(l.cgroup()))
            .findFirst();
    if (pod.isEmpty()) {
      return Outcome.NONE;
    }
    try {
      var have = cgroups.cpuWeight(pod.get());
      if (have.isEmpty()) {
        return new Outcome(
            Optional.of(
                "pod cgroup "
                    + pod.get()
                    + " has no "
                    + unit.file()
                    + " (cpu controller not enabled?)"),
            Optional.empty());
      }
      Written before = written.get(key);
      boolean drifted =
          before != null
              && before.podCgroup().equals(pod.get())
              && have.getAsLong() != before.value()
              && have.getAsLong() != scaled.value();
      if (have.getAsLong() != scaled.value()) {
        cgroups.writeCpuWeight(pod.get(), scaled.value());
      }
      written.put(key, new Written(pod.get(), scaled.value(), scaled.kubelet()));
      return new Outcome(Optional.empty(), drifted ? pod : Optional.empty());
    } catch (CgroupAccessException e) {
      return new Outcome(
          Optional.of("pod cgroup " + pod.get() + ": " + e.getMessage()), Optional.empty());
    }
  }

  /**
   * Gives the kubelet's value back to every pod cgroup this agent scaled whose allocation is not in
   * {@code keep} (it left, was released, or its node's profile is in Container mode); a cgroup that
   * is gone needs nothing. Returns the warnings.
   */
  List<String> restoreExcept(Set<String> keep) {
    List<String> warnings = new ArrayList<>();
    for (Iterator<Map.Entry<String, Written>> it = written.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Written> e = it.next();
      if (keep.contains(e.getKey())) {
        continue;
      }
      Written w = e.getValue();
      try {
        var have = cgroups.cpuWeight(w.podCgroup());
        if (have.isPresent() && have.getAsLong() != w.kubelet()) {
          cgroups.writeCpuWeight(w.podCgroup(), w.kubelet());
        }
        it.remove();
      } catch (CgroupAccessException ex) {
        if (!cgroups.exists(w.podCgroup())) {
          it.remove();
        } else {
          warnings.add(
              "restoring the kubelet's "
                  + unit.file()
                  + " "
                  + w.kubelet()
                  + " on "
                  + w.podCgroup()
                  + " failed: "
                  + ex.getMessage());
        }
      }
    }
    return warnings;
  }

  private static String parent(String cgroup) {
    int slash = cgroup.lastIndexOf('/');
    return slash < 0 ? "" : cgroup.substring(0, slash);
  }
}
