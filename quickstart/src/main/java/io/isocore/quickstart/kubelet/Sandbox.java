package io.isocore.quickstart.kubelet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The cgroup subtree the quickstart owns: {@code isocore-quickstart-<pid>} under the cgroup v1
 * cpuset and cpu hierarchies. Pods' cgroups are created inside it in the cgroupfs driver's layout
 * ({@code kubepods/pod<uid>/<container id>}), the agent is pointed at it as its cgroup root, and it
 * is removed on exit. Nothing outside it is written.
 */
public final class Sandbox implements AutoCloseable {

  private final Path cpuset;
  private final Path cpu;
  private final String dryRunReason;

  private Sandbox(Path cpuset, Path cpu, String dryRunReason) {
    this.cpuset = cpuset;
    this.cpu = cpu;
    this.dryRunReason = dryRunReason;
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
      deleteTree(cpuset);
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
    return new Sandbox(cpuset, cpu, null);
  }

  private static Sandbox dryRun(String reason) {
    return new Sandbox(null, null, reason);
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

  /** Removes every cgroup of the sandbox, deepest first (the processes must be gone). */
  @Override
  public void close() {
    deleteTree(cpuset);
    deleteTree(cpu);
  }

  private static void deleteTree(Path root) {
    if (root == null || !Files.isDirectory(root)) {
      return;
    }
    try (Stream<Path> dirs = Files.walk(root)) {
      dirs.filter(Files::isDirectory)
          .sorted(Comparator.comparingInt(Path::getNameCount).reversed())
          .forEach(
              dir -> {
                try {
                  Files.delete(dir);
                } catch (IOException e) {
                  System.err.println(
                      "isocore quickstart: could not remove " + dir + ": " + e.getMessage());
                }
              });
    } catch (IOException e) {
      System.err.println("isocore quickstart: could not list " + root + ": " + e.getMessage());
    }
  }
}
