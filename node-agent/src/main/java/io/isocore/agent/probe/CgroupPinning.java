package io.isocore.agent.probe;

import io.isocore.agent.cgroup.CgroupAccessException;
import io.isocore.agent.cgroup.CgroupHierarchy;
import io.isocore.agent.cgroup.CgroupVersion;
import io.isocore.agent.cgroup.ProbeCgroup;
import io.isocore.agent.cgroup.ProbeCgroupCleanup;
import io.isocore.agent.cgroup.ProbeCpuCgroup;
import io.isocore.agent.cgroup.ThreadCgroup;
import io.isocore.core.cpu.CpuSet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Pinning for the agent as it is deployed: a container in the kubepods tree, confined by its own
 * enforcer to the shared pool. Before each window {@link ProbePlacement} decides how the probe
 * thread reaches the CPU: by affinity alone where its cgroup allows the CPU; on cgroup v1 by moving
 * the thread into {@link ProbeCgroup} first (and back, removing it, after the window); on v2 by
 * affinity within the agent's own container cpuset, which enforcement widens to the CPUs the probe
 * measures ({@code enforce.AgentOwnCpuset}), and not at all where it does not include the CPU. The
 * agent's other threads are kept off the isolated CPUs by affinity ({@link #confineOthers}, and
 * {@link AgentThreads} after every enforcement pass).
 */
final class CgroupPinning implements Pinning {

  private static final Logger LOG = Logger.getLogger(CgroupPinning.class);

  private final CgroupHierarchy hierarchy;
  private final ProbeCgroup probeCgroup;
  private final Optional<ProbeCpuCgroup> probeCpu;
  private final ProcessThreads threads;
  private Path enteredFrom;
  private Path cpuEnteredFrom;
  private long enteredTid;

  CgroupPinning(CgroupHierarchy hierarchy, ProcessThreads threads) {
    this.hierarchy = hierarchy;
    this.probeCgroup = new ProbeCgroup(hierarchy.cpusetRoot());
    this.probeCpu =
        hierarchy.version() == CgroupVersion.V1
            ? ProbeCpuCgroup.at(hierarchy.cpusetRoot().getParent())
            : Optional.empty();
    this.threads = threads;
  }

  @Override
  public CpuSet current() {
    return threads.affinity(threads.currentTid());
  }

  @Override
  public void pin(CpuSet cpus) {
    long tid = threads.currentTid();
    Optional<ThreadCgroup> home = home(tid);
    ProbePlacement placement =
        ProbePlacement.decide(hierarchy.version(), home.map(ThreadCgroup::effectiveCpus), cpus);
    switch (placement.kind()) {
      case UNAVAILABLE -> throw new AffinityException(placement.reason());
      case PROBE_CGROUP -> {
        // The weight first: once the thread is on the probed CPU it runs with it.
        probeCpu.ifPresent(cpu -> enterCpu(cpu, tid));
        try {
          probeCgroup.enter(tid, cpus);
        } catch (CgroupAccessException e) {
          leaveCpu(tid);
          probeCgroup.remove();
          throw new AffinityException(
              "moving the probe thread into " + probeCgroup.dir() + ": " + e.getMessage());
        }
        enteredFrom = home.orElseThrow().dir();
        enteredTid = tid;
      }
      case AFFINITY -> {}
    }
    threads.pin(tid, cpus);
  }

  @Override
  public void unpin(CpuSet homeCpus) {
    long tid = threads.currentTid();
    if (enteredFrom != null && enteredTid == tid) {
      leaveCpu(tid);
      try {
        probeCgroup.leave(tid, enteredFrom);
        enteredFrom = null;
      } catch (CgroupAccessException e) {
        throw new AffinityException(
            "moving the probe thread back to " + enteredFrom + ": " + e.getMessage());
      }
    }
    try {
      threads.pin(tid, homeCpus);
    } catch (AffinityException e) {
      // The container's cpuset changed during the window: the kernel gave the thread its
      // cgroup's CPUs when it moved back, which is where it belongs.
      LOG.debugf("probe thread keeps its cgroup's CPUs: %s", e.getMessage());
    }
  }

  @Override
  public void confineOthers(CpuSet isolated) {
    long self = threads.currentTid();
    for (long tid : threads.all()) {
      if (tid == self) {
        continue;
      }
      try {
        CpuSet allowed = threads.affinity(tid);
        CpuSet outside = allowed.minus(isolated);
        if (allowed.intersects(isolated) && !outside.isEmpty()) {
          threads.pin(tid, outside);
        }
      } catch (AffinityException e) {
        // The thread exited meanwhile (ESRCH).
      }
    }
  }

  /**
   * Removes the probe cgroups unless a window is using them: at shutdown, and at startup (a killed
   * agent leaves empty ones behind). Only unused ones go ({@link ProbeCgroupCleanup}); one in use
   * (another agent's window, a sandbox test) is kept and reused by the next window's enter.
   */
  void close() {
    if (enteredFrom == null) {
      for (ProbeCgroupCleanup.Outcome o : ProbeCgroupCleanup.run(hierarchy)) {
        if (o.state() != ProbeCgroupCleanup.State.ABSENT) {
          LOG.info(o.line());
        }
      }
    }
  }

  /** Gives the probe thread the default CPU weight for the window (best effort). */
  private void enterCpu(ProbeCpuCgroup cpu, long tid) {
    try {
      cpuEnteredFrom = cpu.enter(tid, threads.cgroupFile(tid));
    } catch (IOException e) {
      cpu.remove();
      LOG.debugf("probe thread keeps its pod's CPU weight: %s", e.getMessage());
    }
  }

  private void leaveCpu(long tid) {
    if (cpuEnteredFrom == null) {
      return;
    }
    try {
      probeCpu.orElseThrow().leave(tid, cpuEnteredFrom);
      cpuEnteredFrom = null;
    } catch (CgroupAccessException e) {
      LOG.warnf("moving the probe thread back to %s: %s", cpuEnteredFrom, e.getMessage());
    }
  }

  private Optional<ThreadCgroup> home(long tid) {
    try {
      return ThreadCgroup.locate(hierarchy, threads.cgroupFile(tid), tid);
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
