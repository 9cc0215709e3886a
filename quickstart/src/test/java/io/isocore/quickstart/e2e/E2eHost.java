package io.isocore.quickstart.e2e;

import io.isocore.core.cpu.CpuSet;
import io.isocore.core.telemetry.ThreadStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** What the end-to-end tests read from this machine: cgroups, threads, mounts, processes. */
final class E2eHost {

  static final Path CGROUPS = Path.of("/sys/fs/cgroup");

  private E2eHost() {}

  /** Why the tier cannot run here, if it cannot. */
  static Optional<String> unavailable(Path root) {
    if (!"root".equals(System.getProperty("user.name"))) {
      return Optional.of("not root: cgroups cannot be written");
    }
    if (!Files.isWritable(CGROUPS.resolve("cpuset/cpuset.cpus"))) {
      return Optional.of("no writable cgroup v1 cpuset hierarchy at /sys/fs/cgroup/cpuset");
    }
    if (Runtime.getRuntime().availableProcessors() < 2) {
      return Optional.of("needs 2 CPUs: one reserved, one isolated");
    }
    for (String tool : List.of("containerd", "containerd-shim-runc-v2", "runc", "ctr")) {
      if (!onPath(tool)) {
        return Optional.of(tool + " not installed (.ci/run installs containerd and runc)");
      }
    }
    if (!Files.isExecutable(Path.of("/bin/busybox"))) {
      return Optional.of("busybox-static not installed (/bin/busybox)");
    }
    for (String jar :
        List.of(
            "quickstart/target/isocore-quickstart.jar",
            "operator/target/quarkus-app/quarkus-run.jar",
            "node-agent/target/quarkus-app/quarkus-run.jar")) {
      if (!Files.isRegularFile(root.resolve(jar))) {
        return Optional.of(jar + " not built");
      }
    }
    return Optional.empty();
  }

  static boolean onPath(String name) {
    return Stream.of((System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin").split(":"))
        .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, name)));
  }

  /** The container's cgroup (relative to the hierarchy root) under {@code sandbox}, found by id. */
  static Optional<String> containerCgroup(String sandbox, String containerId) throws IOException {
    Path base = CGROUPS.resolve("cpuset").resolve(sandbox);
    try (Stream<Path> dirs = Files.walk(base)) {
      return dirs.filter(d -> d.getFileName().toString().equals(containerId))
          .findFirst()
          .map(d -> CGROUPS.resolve("cpuset").relativize(d).toString());
    }
  }

  /** The pids in a cpuset cgroup, read on the host. */
  static List<Long> pids(String cgroup) throws IOException {
    List<Long> pids = new ArrayList<>();
    for (String line :
        Files.readAllLines(CGROUPS.resolve("cpuset").resolve(cgroup).resolve("cgroup.procs"))) {
      if (!line.isBlank()) {
        pids.add(Long.parseLong(line.trim()));
      }
    }
    return pids;
  }

  /** The CPUs each thread of the cgroup's processes may run on, one set per thread. */
  static List<CpuSet> threadCpus(String cgroup) throws IOException {
    List<CpuSet> sets = new ArrayList<>();
    for (long pid : pids(cgroup)) {
      try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
        for (Path task : tasks.toList()) {
          try {
            ThreadStatus status = ThreadStatus.parse(Files.readString(task.resolve("status")));
            sets.add(status.cpusAllowed().orElse(CpuSet.empty()));
          } catch (IOException e) {
            // The thread exited while being read.
          }
        }
      } catch (IOException e) {
        // The process exited.
      }
    }
    return sets;
  }

  /**
   * The CPUs each thread of the cgroup's processes may run on, by {@code "<tid> <comm>"} (the
   * thread's name as the kernel shows it).
   */
  static java.util.Map<String, CpuSet> namedThreadCpus(String cgroup) throws IOException {
    java.util.Map<String, CpuSet> threads = new java.util.TreeMap<>();
    for (long pid : pids(cgroup)) {
      try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
        for (Path task : tasks.toList()) {
          try {
            String comm = Files.readString(task.resolve("comm")).trim();
            ThreadStatus status = ThreadStatus.parse(Files.readString(task.resolve("status")));
            threads.put(
                task.getFileName() + " " + comm, status.cpusAllowed().orElse(CpuSet.empty()));
          } catch (IOException e) {
            // The thread exited while being read.
          }
        }
      } catch (IOException e) {
        // The process exited.
      }
    }
    return threads;
  }

  /**
   * Whether the latency workload's hot thread ({@code isocore-hot}) is allowed exactly {@code
   * exclusive} and every other thread of the cgroup none of it.
   */
  static boolean hotThreadAlone(java.util.Map<String, CpuSet> threads, CpuSet exclusive) {
    long hot =
        threads.entrySet().stream()
            .filter(e -> e.getKey().endsWith(" isocore-hot"))
            .filter(e -> e.getValue().equals(exclusive))
            .count();
    boolean othersOff =
        threads.entrySet().stream()
            .filter(e -> !e.getKey().endsWith(" isocore-hot"))
            .allMatch(e -> !e.getValue().isEmpty() && !e.getValue().intersects(exclusive));
    return hot == 1 && othersOff && threads.size() > 1;
  }

  /** Every path of the sandbox left in any hierarchy, mounted cgroup v1 or v2. */
  static List<Path> sandboxLeft(String sandbox) throws IOException {
    try (Stream<Path> hierarchies = Files.list(CGROUPS)) {
      return hierarchies.map(h -> h.resolve(sandbox)).filter(Files::exists).toList();
    }
  }

  /** Polls {@code probe} every 500 ms for up to 150 s. */
  static <T> T await(String what, Supplier<Optional<T>> probe) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
    while (System.nanoTime() < deadline) {
      Optional<T> value = probe.get();
      if (value.isPresent()) {
        return value.get();
      }
      Thread.sleep(500);
    }
    throw new AssertionError("timed out waiting for " + what);
  }

  /** Waits until the quickstart's output matches {@code regex}; returns group 1. */
  static String printed(Path output, String regex, Process quickstart) throws Exception {
    Pattern pattern = Pattern.compile(regex);
    return await(
        "the quickstart to print " + regex,
        () -> {
          try {
            Matcher m = pattern.matcher(Files.readString(output));
            if (m.find()) {
              return Optional.of(m.group(1));
            }
            if (!quickstart.isAlive()) {
              throw new AssertionError("quickstart exited:\n" + Files.readString(output));
            }
            return Optional.empty();
          } catch (IOException e) {
            return Optional.empty();
          }
        });
  }
}
