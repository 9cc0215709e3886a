package io.isocore.agent.enforce;

import io.isocore.agent.cgroup.CgroupAccessException;
import io.isocore.agent.cgroup.CpusetCgroups;
import io.isocore.agent.cgroup.ThreadAffinity;
import io.isocore.agent.cgroup.ThreadAffinityReader;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.enforce.CpusetValue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads back what the kernel enforces for an allocation's containers: effective cpuset, every
 * thread's {@code Cpus_allowed_list}, and the hugepages its NUMA node can serve.
 */
final class AllocationVerifier {

  private final CpusetCgroups cgroups;
  private final ThreadAffinityReader threads;
  private final NodeHugepages hugepages;

  AllocationVerifier(CpusetCgroups cgroups, ThreadAffinityReader threads, NodeHugepages hugepages) {
    this.cgroups = cgroups;
    this.threads = threads;
    this.hugepages = hugepages;
  }

  /** What verification found; {@code problem} is empty when everything matched. */
  record Outcome(List<ContainerCheck> checks, Optional<String> problem) {}

  /**
   * Verifies the containers.
   *
   * @param containers the containers with their cgroup
   * @param expected the cpuset each container should have, by container name
   */
  Outcome verify(List<Located> containers, java.util.Map<String, CpusetValue> expected) {
    List<ContainerCheck> checks = new ArrayList<>();
    String problem = null;
    for (Located located : containers) {
      String cgroup = located.cgroup();
      DesiredContainer container = located.container();
      CpusetValue want = expected.get(container.name());
      try {
        CpuSet cpus = cgroups.cpusEffective(cgroup);
        CpuSet mems = cgroups.memsEffective(cgroup);
        int count = 0;
        int off = 0;
        for (long pid : cgroups.procs(cgroup)) {
          for (ThreadAffinity t : threads.threads(pid)) {
            count++;
            if (!cpus.containsAll(t.allowed())) {
              off++;
              if (problem == null) {
                problem =
                    "thread "
                        + t.tid()
                        + " of process "
                        + pid
                        + " in container "
                        + container.name()
                        + " may run on CPUs "
                        + t.allowed()
                        + ", outside the container's "
                        + cpus;
              }
            }
          }
        }
        checks.add(new ContainerCheck(container.name(), cgroup, cpus, mems, count, off));
        if (problem == null && !cpus.equals(want.cpus())) {
          problem =
              "container "
                  + container.name()
                  + ": "
                  + cgroups.cpusetDir(cgroup)
                  + " effective CPUs are "
                  + cpus
                  + ", expected "
                  + want.cpus();
        }
        if (problem == null && !mems.equals(want.mems())) {
          problem =
              "container "
                  + container.name()
                  + ": effective memory nodes are "
                  + mems
                  + ", expected "
                  + want.mems();
        }
        if (problem == null) {
          problem = checkHugepages(cgroup, container);
        }
      } catch (IOException e) {
        if (problem == null) {
          problem = "verifying container " + container.name() + ": " + e.getMessage();
        }
      }
    }
    return new Outcome(checks, Optional.ofNullable(problem));
  }

  private String checkHugepages(String cgroup, DesiredContainer container) throws IOException {
    for (HugepageRequest request : container.hugepages()) {
      long limit = cgroups.hugetlbLimit(cgroup, request.size()).orElse(-1);
      if (limit != request.bytes()) {
        return "container "
            + container.name()
            + ": hugetlb "
            + request.size().cgroupName()
            + " limit is "
            + (limit < 0 ? "missing" : limit)
            + ", expected "
            + request.bytes();
      }
      long used = cgroups.hugetlbUsage(cgroup, request.size()).orElse(0);
      long free = hugepages.freePages(request.numaNode(), request.size()) * request.size().bytes();
      if (used + free < request.bytes()) {
        return "NUMA node "
            + request.numaNode()
            + " has "
            + free
            + " bytes of free "
            + request.size().name()
            + " hugepages and container "
            + container.name()
            + " uses "
            + used
            + "; it needs "
            + request.bytes();
      }
    }
    return null;
  }

  /** A container with its cgroup. */
  record Located(DesiredContainer container, String cgroup) {}

  static String describe(CgroupAccessException e) {
    return e.getMessage();
  }
}
