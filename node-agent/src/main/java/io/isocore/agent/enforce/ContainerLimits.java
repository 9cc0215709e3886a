package io.isocore.agent.enforce;

import io.isocore.agent.cgroup.CgroupAccessException;
import io.isocore.agent.cgroup.CpusetCgroups;
import io.isocore.agent.enforce.AllocationVerifier.Located;
import java.util.List;
import java.util.Optional;

/**
 * Writes the CPU weight of an allocation's shared containers and the hugetlb limits of all its
 * containers, where they differ from what the cgroup holds.
 */
final class ContainerLimits {

  private final CpusetCgroups cgroups;

  ContainerLimits(CpusetCgroups cgroups) {
    this.cgroups = cgroups;
  }

  /**
   * Applies the limits; returns the first problem, which stops the allocation's remaining writes.
   */
  Optional<String> apply(List<Located> found) {
    for (Located l : found) {
      try {
        Optional<String> problem = weight(l);
        if (problem.isEmpty()) {
          problem = hugepages(l);
        }
        if (problem.isPresent()) {
          return problem;
        }
      } catch (CgroupAccessException e) {
        return Optional.of("container " + l.container().name() + ": " + e.getMessage());
      }
    }
    return Optional.empty();
  }

  private Optional<String> weight(Located l) throws CgroupAccessException {
    DesiredContainer c = l.container();
    if (c.exclusive() || c.cpuWeight().isEmpty()) {
      return Optional.empty();
    }
    long want = cgroups.nativeWeight(c.cpuWeight().getAsInt());
    var have = cgroups.cpuWeight(l.cgroup());
    if (have.isEmpty()) {
      return Optional.of(
          "container "
              + c.name()
              + ": no CPU weight file for "
              + l.cgroup()
              + " (cpu controller not enabled?)");
    }
    if (have.getAsLong() != want) {
      cgroups.writeCpuWeight(l.cgroup(), want);
    }
    return Optional.empty();
  }

  private Optional<String> hugepages(Located l) throws CgroupAccessException {
    DesiredContainer c = l.container();
    for (HugepageRequest h : c.hugepages()) {
      var have = cgroups.hugetlbLimit(l.cgroup(), h.size());
      if (have.isEmpty()) {
        return Optional.of(
            "container "
                + c.name()
                + ": no hugetlb "
                + h.size().cgroupName()
                + " limit file for "
                + l.cgroup()
                + " (hugetlb controller not enabled?)");
      }
      if (have.getAsLong() != h.bytes()) {
        cgroups.writeHugetlbLimit(l.cgroup(), h.size(), h.bytes());
      }
    }
    return Optional.empty();
  }
}
