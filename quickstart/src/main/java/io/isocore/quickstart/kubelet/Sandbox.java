package io.isocore.quickstart.kubelet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The cgroup subtree the quickstart owns: {@code isocore-quickstart-<pid>} under the cgroup v1
 * hierarchies. Pods' cgroups are created inside it in the cgroupfs driver's layout ({@code
 * kubepods/pod<uid>/<container id>}; with containerd, runc creates the container level in every
 * hierarchy), the agent is pointed at it as its cgroup root, and it is removed from every v1
 * hierarchy on exit. Nothing outside it is written.
 */
public final class Sandbox implements AutoCloseable {

  private final Path cpuset;
  private final Path cpu;
  private final String dryRunReason;
  private final String name;
  private final List<Path> hierarchies;

  private Sandbox(Path cpuset, Path cpu, String dryRunReason, String name, List<Path> hierarchies) {
    this.cpuset = cpuset;
    this.cpu = cpu;
    this.dryRunReason = dryRunReason;
    this.name = name;
    this.hierarchies = hierarchies;
  }

  /**
   * Creates the sandbox under {@code cgroupRoot} (normally /sys/fs/cgroup), or returns a dry-run
   * sandbox that says why it could not.
   */
  public static Sandbox create(Path cgroupRoot, String name) {
    Path cpusetRoot = cgroupRoot.resolve("cpuset");
    Path cpuRoot = cgroupRoot.resolve("cpu");
    if (!Files.isRegularFile(cpusetRoot.resolve("cpuset.cpus"))) {
      return dryRun("no cgroup v1 cpuset hierarchy at " + cpusetRoot);
    }
    if (!"root".equals(System.getProperty("user.name"))) {
      return dryRun("not running as root, so cgroups cannot be written");
    }
    Path cpuset = cpusetRoot.resolve(name);
    try {
      Files.createDirectories(cpuset);
      copy(cpusetRoot, cpuset, "cpuset.cpus");
      copy(cpusetRoot, cpuset, "cpuset.mems");
    } catch (IOException e) {
      CgroupTrees.delete(cpuset);
      return dryRun("cannot create " + cpuset + ": " + e.getMessage());
    }
    Path cpu = null;
    if (Files.isRegularFile(cpuRoot.resolve("cpu.shares"))) {
      try {
        cpu = Files.createDirectories(cpuRoot.resolve(name));
      } catch (IOException e) {
        cpu = null;
      }
    }
    return new Sandbox(cpuset, cpu, null, name, hierarchies(cgroupRoot));
  }

  /**
   * The hierarchies under {@code cgroupRoot}: its directories, not symlinks. On a hybrid host that
   * includes the cgroup2 mount ({@code unified}), where runc also creates the container's cgroup.
   */
  private static List<Path> hierarchies(Path cgroupRoot) {
    try (Stream<Path> dirs = Files.list(cgroupRoot)) {
      return dirs.filter(d -> Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static Sandbox dryRun(String reason) {
    return new Sandbox(null, null, reason, "", List.of());
  }

  /** Returns the sandbox's name: its directory in every hierarchy. */
  public String name() {
    return name;
  }

  /** Returns the hierarchies the sandbox may have a directory in (and removes it from). */
  public List<Path> hierarchies() {
    return hierarchies;
  }

  /**
   * Returns the CRI cgroup parent of the pod cgroup {@code relative}: its absolute path in every
   * hierarchy, as the kubelet's cgroupfs driver sends it ({@code /kubepods/burstable/pod<uid>} on a
   * node, here inside the sandbox).
   */
  public String cgroupParent(String relative) {
    return "/" + name + "/" + relative;
  }

  /**
   * Creates the pod cgroup {@code relative} in every hierarchy, as the kubelet does before it asks
   * the runtime for the sandbox, and writes the kubelet's values: cpu.shares, the CFS quota and the
   * memory limit. cpuset cgroups start with their parent's CPUs and memory nodes (no cpuset of its
   * own: that is isocore's to write).
   */
  public void createPodCgroup(String relative, PodResources values) throws IOException {
    if (cpuset == null) {
      return;
    }
    createCgroup(relative);
    for (Path hierarchy : hierarchies) {
      if (!Files.exists(hierarchy.resolve("cgroup.controllers"))) {
        Files.createDirectories(hierarchy.resolve(name).resolve(relative));
      }
    }
    Path cpuDir = cpu == null ? null : cpu.resolve(relative);
    if (cpuDir != null) {
      Files.writeString(cpuDir.resolve("cpu.shares"), Long.toString(values.cpuShares()));
      if (values.cpuQuotaMicros() > 0) {
        Files.writeString(
            cpuDir.resolve("cpu.cfs_period_us"), Long.toString(PodResources.CPU_PERIOD_MICROS));
        Files.writeString(
            cpuDir.resolve("cpu.cfs_quota_us"), Long.toString(values.cpuQuotaMicros()));
      }
    }
    Path memory = hierarchies.stream().filter(h -> h.endsWith("memory")).findFirst().orElse(null);
    if (memory != null && values.memoryLimitBytes() > 0) {
      Files.writeString(
          memory.resolve(name).resolve(relative).resolve("memory.limit_in_bytes"),
          Long.toString(values.memoryLimitBytes()));
    }
  }

  /** Removes the pod cgroup {@code relative} from every hierarchy (its containers must be gone). */
  public void removePodCgroup(String relative) {
    for (Path hierarchy : hierarchies) {
      CgroupTrees.delete(hierarchy.resolve(name).resolve(relative));
    }
  }

  /** Returns why enforcement runs dry, if it does. */
  public Optional<String> dryRunReason() {
    return Optional.ofNullable(dryRunReason);
  }

  /** Returns the sandbox's cpuset directory: the agent's cgroup root. */
  public Optional<Path> cpusetRoot() {
    return Optional.ofNullable(cpuset);
  }

  /**
   * Lays out {@code dir} as a cgroup v1 root whose controllers are the sandbox ({@code cpuset ->}
   * the sandbox's cpuset cgroup, {@code cpu ->} its cpu cgroup), so the agent, pointed at it as its
   * cgroup root, sees the sandbox as the whole node and can write nothing outside it.
   */
  public Optional<Path> agentCgroupRoot(Path dir) throws IOException {
    if (cpuset == null) {
      return Optional.empty();
    }
    Files.createDirectories(dir);
    link(dir.resolve("cpuset"), cpuset);
    if (cpu != null) {
      link(dir.resolve("cpu"), cpu);
    }
    return Optional.of(dir);
  }

  /**
   * Lays out {@code dir} as {@link #agentCgroupRoot(Path)} does, with links that resolve where the
   * host's cgroup hierarchies are mounted at {@code cgroupMount} (in the agent's container: {@code
   * /host/sys/fs/cgroup}, the chart's mounts, whose cpuset and cpu hierarchies are writable).
   */
  public Optional<Path> agentCgroupRoot(Path dir, Path cgroupMount) throws IOException {
    if (cpuset == null) {
      return Optional.empty();
    }
    Files.createDirectories(dir);
    link(dir.resolve("cpuset"), cgroupMount.resolve("cpuset").resolve(name));
    if (cpu != null) {
      link(dir.resolve("cpu"), cgroupMount.resolve("cpu").resolve(name));
    }
    return Optional.of(dir);
  }

  private static void link(Path link, Path target) throws IOException {
    Files.deleteIfExists(link);
    Files.createSymbolicLink(link, target);
  }

  /** Returns the sandbox's cpu-controller directory, where the kernel has one. */
  public Optional<Path> cpuRoot() {
    return Optional.ofNullable(cpu);
  }

  /**
   * Creates the cgroup {@code relative} (and its parents) in the sandbox's hierarchies; new cpuset
   * cgroups start with their parent's CPUs and memory nodes, as runc does, so tasks can join.
   */
  public void createCgroup(String relative) throws IOException {
    if (cpuset == null) {
      return;
    }
    Path dir = cpuset;
    for (String part : relative.split("/")) {
      Path child = dir.resolve(part);
      if (!Files.isDirectory(child)) {
        Files.createDirectory(child);
        copy(dir, child, "cpuset.cpus");
        copy(dir, child, "cpuset.mems");
      }
      dir = child;
    }
    if (cpu != null) {
      Files.createDirectories(cpu.resolve(relative));
    }
  }

  /** Returns the commands that move the calling shell into {@code relative} before exec. */
  public List<String> joinCommands(String relative) {
    if (cpuset == null) {
      return List.of();
    }
    String join = "echo $$ > " + cpuset.resolve(relative).resolve("cgroup.procs");
    return cpu == null
        ? List.of(join)
        : List.of(join, "echo $$ > " + cpu.resolve(relative).resolve("cgroup.procs"));
  }

  private static void copy(Path from, Path to, String file) throws IOException {
    Files.writeString(to.resolve(file), Files.readString(from.resolve(file)).trim());
  }

  /**
   * Removes every cgroup of the sandbox from every hierarchy, deepest first (the processes must be
   * gone).
   */
  @Override
  public void close() {
    CgroupTrees.killLeftOver(cpuset);
    CgroupTrees.delete(cpuset);
    CgroupTrees.delete(cpu);
    for (Path hierarchy : hierarchies) {
      CgroupTrees.delete(hierarchy.resolve(name));
    }
  }

  /** Deletes a plain directory tree (files and directories, symlinks not followed). */
  public static void deleteFiles(Path root) throws IOException {
    CgroupTrees.deleteFiles(root);
  }
}
