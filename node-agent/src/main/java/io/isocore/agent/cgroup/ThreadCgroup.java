package io.isocore.agent.cgroup;

import io.isocore.core.cpu.CpuSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The cpuset cgroup one thread is in, found in the hierarchy enforcement uses.
 *
 * <p>{@code /proc/<pid>/task/<tid>/cgroup} names the cgroup from the root of the cgroup mount (or
 * of the cgroup namespace), while the hierarchy may be a sub-tree (the quickstart's sandbox) or a
 * namespace root: the leading parts of the path are dropped until a directory under the hierarchy
 * lists the thread among its members ({@code tasks} on v1, {@code cgroup.threads} on v2).
 *
 * @param dir the cgroup's directory under the hierarchy
 * @param effectiveCpus the CPUs the kernel lets the cgroup use
 */
public record ThreadCgroup(Path dir, CpuSet effectiveCpus) {

  /**
   * Finds the cpuset cgroup of thread {@code tid}.
   *
   * @param hierarchy the cpuset hierarchy
   * @param procCgroup the text of the thread's {@code /proc/.../cgroup}
   * @param tid the thread's id in this process's PID namespace
   * @return empty when the thread's cgroup is not under the hierarchy (an agent run outside it)
   */
  public static Optional<ThreadCgroup> locate(
      CgroupHierarchy hierarchy, String procCgroup, long tid) {
    boolean v1 = hierarchy.version() == CgroupVersion.V1;
    String members = v1 ? "tasks" : "cgroup.threads";
    String effective = v1 ? "cpuset.effective_cpus" : "cpuset.cpus.effective";
    for (String line : procCgroup.split("\n")) {
      String[] f = line.strip().split(":", 3);
      if (f.length < 3 || !isCpusetLine(f, v1)) {
        continue;
      }
      List<String> parts = List.of(f[2].replaceFirst("^/+", "").split("/"));
      for (int skip = 0; skip <= parts.size(); skip++) {
        String rest = String.join("/", parts.subList(skip, parts.size()));
        Path dir = rest.isEmpty() ? hierarchy.cpusetRoot() : hierarchy.cpusetRoot().resolve(rest);
        if (lists(dir.resolve(members), tid)) {
          try {
            String cpus = Files.readString(dir.resolve(effective)).strip();
            return Optional.of(new ThreadCgroup(dir, CpuSet.parse(cpus)));
          } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
          }
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Finds thread {@code tid}'s cgroup in the v1 hierarchy of {@code controller} rooted at {@code
   * root}: the directory whose {@code membersFile} lists it, dropping leading parts of the path as
   * {@link #locate} does.
   */
  static Optional<Path> memberDir(
      Path root, String procCgroup, String controller, String membersFile, long tid) {
    for (String line : procCgroup.split("\n")) {
      String[] f = line.strip().split(":", 3);
      if (f.length < 3 || !List.of(f[1].split(",")).contains(controller)) {
        continue;
      }
      List<String> parts = List.of(f[2].replaceFirst("^/+", "").split("/"));
      for (int skip = 0; skip <= parts.size(); skip++) {
        String rest = String.join("/", parts.subList(skip, parts.size()));
        Path dir = rest.isEmpty() ? root : root.resolve(rest);
        if (lists(dir.resolve(membersFile), tid)) {
          return Optional.of(dir);
        }
      }
    }
    return Optional.empty();
  }

  private static boolean isCpusetLine(String[] f, boolean v1) {
    return v1 ? List.of(f[1].split(",")).contains("cpuset") : f[0].equals("0") && f[1].isEmpty();
  }

  private static boolean lists(Path membersFile, long tid) {
    if (!Files.isRegularFile(membersFile)) {
      return false;
    }
    try {
      String wanted = Long.toString(tid);
      return Files.readAllLines(membersFile).stream().anyMatch(l -> l.strip().equals(wanted));
    } catch (IOException e) {
      return false;
    }
  }
}
