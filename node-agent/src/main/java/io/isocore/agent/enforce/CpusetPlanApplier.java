package io.isocore.agent.enforce;

import io.isocore.agent.cgroup.CgroupAccessException;
import io.isocore.agent.cgroup.CpusetCgroups;
import io.isocore.core.enforce.CgroupWrite;
import io.isocore.core.enforce.CpusetFile;
import io.isocore.core.enforce.CpusetPlan;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a {@link CpusetPlan} in order. A cgroup that disappears mid-plan (its container exited) is
 * skipped with its subtree and the rest goes on: a removed cgroup constrains nobody. Any other
 * failure (read-only file system, a refused value) stops the pass, so no later write is made on top
 * of a state the plan did not expect; every intermediate state of the plan is valid, so stopping is
 * safe.
 */
public final class CpusetPlanApplier {

  private final CpusetCgroups cgroups;

  /** Creates an applier writing through {@code cgroups}. */
  public CpusetPlanApplier(CpusetCgroups cgroups) {
    this.cgroups = cgroups;
  }

  /**
   * What applying did.
   *
   * @param writesPerCgroup successful writes by cgroup
   * @param vanished cgroups found gone, with the error
   * @param stopped why the pass stopped early, if it did
   */
  public record Outcome(
      Map<String, Integer> writesPerCgroup,
      Map<String, String> vanished,
      Optional<String> stopped) {

    /** Which of {@code found} lost its cgroup (or an ancestor) while the plan was written. */
    Optional<String> vanishedProblem(List<AllocationVerifier.Located> found) {
      for (AllocationVerifier.Located l : found) {
        for (Map.Entry<String, String> gone : vanished.entrySet()) {
          if (l.cgroup().equals(gone.getKey()) || l.cgroup().startsWith(gone.getKey() + "/")) {
            return Optional.of(
                "container "
                    + l.container().name()
                    + " cgroup vanished while being written: "
                    + gone.getValue());
          }
        }
      }
      return Optional.empty();
    }
  }

  /** Applies the plan's writes in order. */
  public Outcome apply(CpusetPlan plan) {
    Map<String, Integer> writes = new HashMap<>();
    Map<String, String> vanished = new HashMap<>();
    for (CgroupWrite write : plan.writes()) {
      if (isUnder(write.cgroup(), vanished)) {
        continue;
      }
      try {
        if (write.file() == CpusetFile.CPUS) {
          cgroups.writeCpus(write.cgroup(), write.value());
        } else {
          cgroups.writeMems(write.cgroup(), write.value());
        }
        writes.merge(write.cgroup(), 1, Integer::sum);
      } catch (CgroupAccessException e) {
        if (e.vanished() && !cgroups.exists(write.cgroup())) {
          vanished.put(write.cgroup(), e.getMessage());
          continue;
        }
        return new Outcome(
            writes,
            vanished,
            Optional.of(e.getMessage() + "; the remaining writes of this pass were not made"));
      }
    }
    return new Outcome(writes, vanished, Optional.empty());
  }

  /** Returns whether {@code cgroup} is one of {@code gone} or below one. */
  static boolean isUnder(String cgroup, Map<String, String> gone) {
    for (String g : gone.keySet()) {
      if (cgroup.equals(g) || cgroup.startsWith(g + "/")) {
        return true;
      }
    }
    return false;
  }
}
