package io.isocore.agent.probe;

import io.isocore.core.cpu.CpuSet;

/**
 * Keeps the agent's threads off the CPUs its own cpuset holds for the probe (cgroup v2, where the
 * agent's container cpuset includes them: {@code core.enforce.AgentCpuset}). Run after every
 * enforcement pass, so threads started since the last probe window (and threads whose affinity the
 * kernel reset when the cpuset changed) are confined too; the probe window confines them as well
 * ({@link Pinning#confineOthers}). The probe thread is left alone: it is found by its name, not by
 * its affinity, so a window that pins it in the middle of this walk keeps its CPU.
 */
public final class AgentThreads {

  /**
   * The kernel's name of the probe thread: {@code isocore-jitter-probe} (ProbeService names it) cut
   * to the 15 characters of {@code comm}.
   */
  static final String PROBE_THREAD = "isocore-jitter-probe".substring(0, 15);

  private AgentThreads() {}

  /**
   * Narrows every thread of this process but the probe thread whose affinity reaches into {@code
   * cpus} to the rest of its affinity; returns how many were narrowed.
   */
  public static int confine(CpuSet cpus) {
    return confine(ProcessThreads.SELF, cpus);
  }

  static int confine(ProcessThreads threads, CpuSet cpus) {
    if (cpus.isEmpty()) {
      return 0;
    }
    int narrowed = 0;
    for (long tid : threads.all()) {
      if (threads.name(tid).equals(PROBE_THREAD)) {
        continue;
      }
      try {
        CpuSet allowed = threads.affinity(tid);
        CpuSet outside = allowed.minus(cpus);
        if (allowed.intersects(cpus) && !outside.isEmpty()) {
          threads.pin(tid, outside);
          narrowed++;
        }
      } catch (AffinityException e) {
        // The thread exited meanwhile (ESRCH).
      }
    }
    return narrowed;
  }
}
