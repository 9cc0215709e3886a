package io.isocore.agent.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.agent.cgroup.CgroupV1Cpuset;
import io.isocore.agent.cgroup.QosClass;
import io.isocore.agent.cgroup.ThreadAffinityReader;
import io.isocore.agent.host.HostRoot;
import io.isocore.agent.testing.KernelGate;
import io.isocore.core.cpu.CpuSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The kubelet's CFS quota on the real kernel (cgroup v1, a sandbox of our own beside kubepods): a
 * Guaranteed pod's container spins on its exclusive CPU under the quota the kubelet derives from a
 * fifth-of-a-CPU limit, and is throttled (at its pod's level or its own); one agent pass lifts the
 * quota of the container and its pod, and the spinner is not throttled again; releasing the
 * allocation gives the kubelet's quota back. Skipped, saying why, without root, a writable v1
 * cpuset and cpu hierarchy, or a second CPU.
 */
class CpuQuotaKernelIT {

  private static final Path CGROUPFS = Path.of("/sys/fs/cgroup");
  private static final String QUOTA = "20000";

  @Test
  void theAgentLiftsTheQuotaThatThrottlesAnExclusiveContainer() throws Exception {
    KernelGate.require("CpuQuotaKernelIT", unavailable());
    String name = "isocore-quota-" + UUID.randomUUID().toString().substring(0, 8);
    Path cpusetRoot = CGROUPFS.resolve("cpuset");
    Path cpuRoot =
        Files.isDirectory(CGROUPFS.resolve("cpu"))
            ? CGROUPFS.resolve("cpu")
            : CGROUPFS.resolve("cpu,cpuacct");
    List<Path> made = new ArrayList<>(); // parents first
    Path links = Files.createTempDirectory(name);
    Process spinner = null;
    try {
      CpuSet online = CpuSet.parse(read(cpusetRoot.resolve("cpuset.effective_cpus")));
      String mems = read(cpusetRoot.resolve("cpuset.effective_mems"));
      int exclusive = online.last();
      String uid = UUID.randomUUID().toString();
      String hex = (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
      String pod = "kubepods/pod" + uid;
      String container = pod + "/" + hex;
      for (String cgroup : List.of("", "kubepods", pod, container)) {
        for (Path h : List.of(cpusetRoot.resolve(name), cpuRoot.resolve(name))) {
          Path dir = cgroup.isEmpty() ? h : h.resolve(cgroup);
          Files.createDirectory(dir);
          made.add(dir);
          if (h.startsWith(cpusetRoot)) {
            Files.writeString(dir.resolve("cpuset.cpus"), online.toListString());
            Files.writeString(dir.resolve("cpuset.mems"), mems);
          }
        }
      }
      Files.createSymbolicLink(links.resolve("cpuset"), cpusetRoot.resolve(name));
      Files.createSymbolicLink(links.resolve("cpu"), cpuRoot.resolve(name));
      Path podCpu = cpuRoot.resolve(name).resolve(pod);
      Path containerCpu = cpuRoot.resolve(name).resolve(container);
      // What the kubelet writes for a 200m limit: the pod first, then the container. A fifth of
      // a CPU, so the spinner overruns it even on a busy machine (a VM's steal time is not the
      // task's run time: under a half-CPU quota a contended spinner may never reach it).
      Files.writeString(podCpu.resolve("cpu.cfs_quota_us"), QUOTA);
      Files.writeString(containerCpu.resolve("cpu.cfs_quota_us"), QUOTA);
      // The kernel counts a throttled period at the level that ran out first, pod or container
      // (equal quotas: either, by kernel and timing), so both levels are summed.
      List<Path> levels = List.of(podCpu, containerCpu);

      spinner = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
      for (Path h : List.of(cpusetRoot.resolve(name), cpuRoot.resolve(name))) {
        Files.writeString(h.resolve(container).resolve("cgroup.procs"), "" + spinner.pid());
      }
      AllocationEnforcer enforcer =
          new AllocationEnforcer(
              new CgroupV1Cpuset(links),
              new ThreadAffinityReader(Path.of("/proc")),
              new NodeHugepages(HostRoot.SLASH),
              Optional.empty());
      DesiredAllocation allocation =
          new DesiredAllocation(
              "quota/lat",
              1,
              uid,
              Optional.of(QosClass.GUARANTEED),
              0,
              List.of(
                  new DesiredContainer(
                      "main",
                      Optional.of("containerd://" + hex),
                      true,
                      CpuSet.of(exclusive),
                      OptionalInt.empty(),
                      List.of())));
      CpuSet isolated = CpuSet.of(exclusive);
      NodeCpus cpus = new NodeCpus(online, CpuSet.parse(mems), isolated, Map.of(0, online));

      long throttledBefore = throttled(levels);
      long cpuBefore = cpuTimeTicks(spinner.pid());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (throttled(levels) - throttledBefore <= 3 && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      assertThat(throttled(levels) - throttledBefore)
          .as(
              "periods throttled under the kubelet's quota (the sandbox works); spinner CPU time"
                  + " %d ticks; %s",
              cpuTimeTicks(spinner.pid()) - cpuBefore, describe(levels))
          .isGreaterThan(3);

      EnforcementReport report =
          enforcer.reconcile(new DesiredNode(cpus, Optional.empty(), List.of(allocation)));
      assertThat(report.result("quota/lat").orElseThrow())
          .isInstanceOf(AllocationResult.Applied.class);
      assertThat(read(containerCpu.resolve("cpu.cfs_quota_us"))).isEqualTo("-1");
      assertThat(read(podCpu.resolve("cpu.cfs_quota_us"))).isEqualTo("-1");
      long lifted = throttled(levels);
      Thread.sleep(1000);
      assertThat(throttled(levels) - lifted)
          .as("periods throttled once the quota is lifted; %s", describe(levels))
          .isZero();

      enforcer.reconcile(new DesiredNode(cpus, Optional.empty(), List.of()));
      assertThat(read(containerCpu.resolve("cpu.cfs_quota_us"))).isEqualTo(QUOTA);
      assertThat(read(podCpu.resolve("cpu.cfs_quota_us"))).isEqualTo(QUOTA);
    } finally {
      if (spinner != null) {
        spinner.destroyForcibly();
        spinner.waitFor(10, TimeUnit.SECONDS);
      }
      for (int i = made.size() - 1; i >= 0; i--) {
        try {
          Files.deleteIfExists(made.get(i));
        } catch (IOException e) {
          System.err.println("could not remove " + made.get(i) + ": " + e);
        }
      }
      Files.deleteIfExists(links.resolve("cpuset"));
      Files.deleteIfExists(links.resolve("cpu"));
      Files.deleteIfExists(links);
    }
  }

  private static Optional<String> unavailable() {
    if (!"root".equals(System.getProperty("user.name"))) {
      return Optional.of("needs root to create cgroups");
    }
    if (!Files.isWritable(CGROUPFS.resolve("cpuset/cgroup.procs"))) {
      return Optional.of("no writable cgroup v1 cpuset hierarchy at " + CGROUPFS);
    }
    Path cpu =
        Files.isDirectory(CGROUPFS.resolve("cpu"))
            ? CGROUPFS.resolve("cpu")
            : CGROUPFS.resolve("cpu,cpuacct");
    if (!Files.exists(cpu.resolve("cpu.cfs_quota_us"))) {
      return Optional.of("no cgroup v1 cpu hierarchy with CFS bandwidth control under " + CGROUPFS);
    }
    if (Runtime.getRuntime().availableProcessors() < 2) {
      return Optional.of("needs 2 CPUs: one shared, one exclusive");
    }
    return Optional.empty();
  }

  private static long throttled(List<Path> cpuCgroups) throws IOException {
    long sum = 0;
    for (Path cgroup : cpuCgroups) {
      sum += stat(cgroup, "nr_throttled");
    }
    return sum;
  }

  private static long stat(Path cpuCgroup, String key) throws IOException {
    for (String line : Files.readAllLines(cpuCgroup.resolve("cpu.stat"))) {
      if (line.startsWith(key + " ")) {
        return Long.parseLong(line.substring(key.length() + 1).strip());
      }
    }
    throw new IOException("no " + key + " in " + cpuCgroup.resolve("cpu.stat"));
  }

  /** Quota, periods and throttling of each level, for a failure to explain itself. */
  private static String describe(List<Path> cpuCgroups) throws IOException {
    StringBuilder out = new StringBuilder();
    for (Path cgroup : cpuCgroups) {
      out.append(
              cgroup.getFileName().toString(),
              0,
              Math.min(12, cgroup.getFileName().toString().length()))
          .append(": quota ")
          .append(read(cgroup.resolve("cpu.cfs_quota_us")))
          .append("/")
          .append(read(cgroup.resolve("cpu.cfs_period_us")))
          .append(" us, periods ")
          .append(stat(cgroup, "nr_periods"))
          .append(", throttled ")
          .append(stat(cgroup, "nr_throttled"))
          .append("; ");
    }
    return out.toString();
  }

  /** utime + stime of a process, in clock ticks, from /proc/PID/stat. */
  private static long cpuTimeTicks(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file).strip();
  }
}
