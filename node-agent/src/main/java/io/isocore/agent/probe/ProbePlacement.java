package io.isocore.agent.probe;

import io.isocore.agent.cgroup.CgroupVersion;
import io.isocore.core.cpu.CpuSet;
import java.util.Optional;

/**
 * How the probe thread reaches the CPU it measures, decided before every window.
 *
 * <ul>
 *   <li>{@link Kind#AFFINITY}: the agent's cpuset cgroup already allows the CPU (an agent outside
 *       the kubepods tree, or on v2 a container cpuset that includes the idle isolated CPUs):
 *       {@code sched_setaffinity} alone pins the thread.
 *   <li>{@link Kind#PROBE_CGROUP}: cgroup v1 and a container confined to the shared pool: the
 *       thread moves into the agent's own {@code isocore-probe} cpuset cgroup first (v1 lets one
 *       thread leave its process's cgroup).
 *   <li>{@link Kind#UNAVAILABLE}: cgroup v2 and a container cpuset without the CPU. On v2 every
 *       thread of a process stays in one cgroup's cpuset (threaded cgroups are not created by
 *       runtimes), so the agent's container cpuset must include the idle isolated CPUs (enforcement
 *       widens it when the agent is in the kubepods tree it enforces, {@code
 *       enforce.AgentOwnCpuset}); the reason says so.
 * </ul>
 *
 * @param kind the decision
 * @param reason why the CPU cannot be probed ({@link Kind#UNAVAILABLE}), else empty
 */
public record ProbePlacement(Kind kind, String reason) {

  /** The ways to reach a CPU. */
  public enum Kind {
    /** sched_setaffinity in the thread's own cgroup. */
    AFFINITY,
    /** Into the v1 probe cgroup, then sched_setaffinity. */
    PROBE_CGROUP,
    /** Not reachable from this cgroup. */
    UNAVAILABLE
  }

  /**
   * Decides.
   *
   * @param version the cgroup version enforcement uses
   * @param home the CPUs the probe thread's own cpuset cgroup allows; empty when its cgroup is not
   *     in that hierarchy (then only the kernel can say, through the affinity call)
   * @param cpus the CPUs to probe
   */
  public static ProbePlacement decide(CgroupVersion version, Optional<CpuSet> home, CpuSet cpus) {
    if (home.isEmpty() || home.get().containsAll(cpus)) {
      return new ProbePlacement(Kind.AFFINITY, "");
    }
    if (version == CgroupVersion.V1) {
      return new ProbePlacement(Kind.PROBE_CGROUP, "");
    }
    return new ProbePlacement(
        Kind.UNAVAILABLE,
        "cgroup v2: the agent's container cpuset "
            + home.get().toListString()
            + " does not include CPU "
            + cpus.toListString()
            + ", and on v2 a thread cannot leave its container's cpuset; the agent's cpuset must"
            + " include the idle isolated CPUs (its other threads are kept off them by affinity)");
  }
}
