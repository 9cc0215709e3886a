package io.isocore.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.agent.cgroup.CgroupV1Cpuset;
import io.isocore.agent.cgroup.CpusetCgroups;
import io.isocore.agent.cgroup.ProbeCgroup;
import io.isocore.agent.cgroup.ThreadAffinityReader;
import io.isocore.agent.enforce.AllocationEnforcer;
import io.isocore.agent.enforce.DesiredNode;
import io.isocore.agent.enforce.EnforcementReport;
import io.isocore.agent.enforce.NodeCpus;
import io.isocore.agent.enforce.NodeHugepages;
import io.isocore.agent.host.HostRoot;
import io.isocore.agent.testing.KernelGate;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.telemetry.ThreadStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe in the deployed shape, on the real kernel and without a container runtime: a sandbox
 * kubepods tree under the real v1 cpuset hierarchy ({@code isocore-probe-test-<random>/kubepods/
 * burstable/pod<uid>/<container id>}), whose container cgroup has only the shared CPU (CPU 0), as
 * the agent's enforcer leaves the agent's own container. A JVM started inside that container cgroup
 * runs the agent's probe code path ({@link ProbeSandboxChild}: {@link CgroupPinning} with the
 * sandbox as its cgroup root) on the isolated CPU (the last one). During the window the probe
 * thread alone is allowed the isolated CPU, inside {@code isocore-probe}; every other thread keeps
 * the shared CPU, and an enforcement pass over the sandbox during the window leaves the probe
 * cgroup and thread alone; afterwards the thread is back and the probe cgroup gone. With affinity
 * alone (the agent before the probe cgroup) the kernel refuses the CPU and no window runs. Skipped,
 * saying why, without root, a writable v1 cpuset hierarchy or two CPUs.
 */
class ProbeInContainerKernelTest {

  private static final Path CPUSET = Path.of("/sys/fs/cgroup/cpuset");
  private static final Path CPU = Path.of("/sys/fs/cgroup/cpu");
  private static final Pattern TID = Pattern.compile("PROBE-TID (\\d+)");

  @TempDir Path tmp;

  @Test
  void theProbeThreadAloneRunsOnTheIdleIsolatedCpuFromAContainerConfinedToTheSharedPool()
      throws Exception {
    CpuSet online = available();
    int isolated = online.last();
    CpuSet shared = online.minus(CpuSet.of(isolated));
    Path sandbox =
        CPUSET.resolve("isocore-probe-test-" + UUID.randomUUID().toString().substring(0, 8));
    Path container = containerCgroup(sandbox, shared);
    Path cgroupRoot = Files.createDirectories(tmp.resolve("cgroup-root"));
    Files.createSymbolicLink(cgroupRoot.resolve("cpuset"), sandbox);
    // The cpu hierarchy too, the container at the kubelet's shares for the chart's 50m request.
    Path cpuSandbox = CPU.resolve(sandbox.getFileName());
    Optional<Path> cpuContainer = cpuCgroup(cpuSandbox, sandbox.relativize(container));
    if (cpuContainer.isPresent()) {
      Files.createSymbolicLink(cgroupRoot.resolve("cpu"), cpuSandbox);
    }
    Process child = null;
    try {
      child = startIn(container, cpuContainer, cgroupRoot, isolated, 3000, false);
      long pid = child.pid();
      StringBuilder out = new StringBuilder();
      long tid = probeTid(child, out);
      // The window: the probe thread allowed exactly the isolated CPU, from the probe cgroup.
      CpuSet probeCpus = awaitCpus(pid, tid, CpuSet.of(isolated));
      Map<Long, CpuSet> threads = threadCpus(pid);
      Path probeCgroup = sandbox.resolve(ProbeCgroup.NAME);
      String probeTasks = Files.readString(probeCgroup.resolve("tasks")).strip();
      String probeCgroupCpus = Files.readString(probeCgroup.resolve("cpuset.cpus")).strip();
      String containerTasks = Files.readString(container.resolve("tasks"));
      String probeThreadCgroups =
          Files.readString(
              Path.of("/proc", Long.toString(pid), "task", Long.toString(tid), "cgroup"));
      // An enforcement pass now (no allocation: the kubepods tree gets the shared pool) must not
      // touch the probe cgroup, a sibling of kubepods, nor move the probe thread.
      EnforcementReport pass = enforceSharedPool(cgroupRoot, online, isolated);
      CpusetCgroups view = new CgroupV1Cpuset(cgroupRoot);
      String kubepodsAfterPass = view.cpus("kubepods").toListString();
      String probeCgroupCpusAfterPass =
          Files.readString(probeCgroup.resolve("cpuset.cpus")).strip();
      CpuSet probeCpusAfterPass = threadCpus(pid).get(tid);

      assertThat(probeCpus)
          .as("probe thread %d during its window", tid)
          .isEqualTo(CpuSet.of(isolated));
      assertThat(threads).containsKey(tid).hasSizeGreaterThan(4);
      threads.forEach(
          (t, cpus) -> {
            if (t != tid) {
              assertThat(cpus).as("agent thread %d", t).isEqualTo(shared);
            }
          });
      assertThat(probeTasks).isEqualTo(Long.toString(tid));
      assertThat(probeCgroupCpus).isEqualTo(Integer.toString(isolated));
      assertThat(containerTasks.lines())
          .doesNotContain(Long.toString(tid))
          .contains(Long.toString(pid));
      if (cpuContainer.isPresent()) {
        // The default CPU weight for the window, not the agent pod's 51 shares.
        assertThat(probeThreadCgroups)
            .containsPattern(
                "(?m)^\\d+:([^:]*,)?cpu(,[^:]*)?:/" + sandbox.getFileName() + "/isocore-probe$");
      }
      assertThat(pass.writes()).as("the pass wrote the kubepods tree").isPositive();
      assertThat(kubepodsAfterPass).isEqualTo(shared.toListString());
      assertThat(probeCgroupCpusAfterPass).isEqualTo(Integer.toString(isolated));
      assertThat(probeCpusAfterPass).isEqualTo(CpuSet.of(isolated));

      assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("probe child finished").isTrue();
      out.append(new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
      String printed = out.toString();
      System.out.println("ProbeInContainerKernelTest child output:\n" + printed);
      Matcher window = Pattern.compile("WINDOW cpu=(\\d+) iterations=(\\d+)").matcher(printed);
      assertThat(window.find()).as(printed).isTrue();
      assertThat(Integer.parseInt(window.group(1))).isEqualTo(isolated);
      assertThat(Long.parseLong(window.group(2))).isPositive();
      assertThat(printed).contains("AFTER " + shared.toListString(), "PROBE-CGROUP-LEFT false");
      assertThat(probeCgroup).doesNotExist();
      assertThat(cpuSandbox.resolve(ProbeCgroup.NAME)).doesNotExist();
    } finally {
      if (child != null) {
        child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      removeTree(sandbox);
      removeTree(cpuSandbox);
    }
    assertThat(sandbox).doesNotExist();
    assertThat(cpuSandbox).doesNotExist();
  }

  @Test
  void withAffinityAloneTheKernelRefusesTheIsolatedCpu() throws Exception {
    CpuSet online = available();
    int isolated = online.last();
    CpuSet shared = online.minus(CpuSet.of(isolated));
    Path sandbox =
        CPUSET.resolve("isocore-probe-test-" + UUID.randomUUID().toString().substring(0, 8));
    Path container = containerCgroup(sandbox, shared);
    Path cgroupRoot = Files.createDirectories(tmp.resolve("cgroup-root"));
    Files.createSymbolicLink(cgroupRoot.resolve("cpuset"), sandbox);
    Process child = null;
    try {
      child = startIn(container, Optional.empty(), cgroupRoot, isolated, 500, true);
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String printed = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(printed).doesNotContain("WINDOW").contains("EINVAL");
    } finally {
      if (child != null) {
        child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      removeTree(sandbox);
    }
  }

  /** One pass of the agent's enforcer over the sandbox: no allocation, the isolated CPU idle. */
  private static EnforcementReport enforceSharedPool(Path cgroupRoot, CpuSet online, int isolated)
      throws IOException {
    CpuSet mems = read(CPUSET.resolve("cpuset.effective_mems"));
    AllocationEnforcer enforcer =
        new AllocationEnforcer(
            new CgroupV1Cpuset(cgroupRoot),
            new ThreadAffinityReader(Path.of("/proc")),
            new NodeHugepages(HostRoot.of("/")),
            Optional.empty());
    return enforcer.reconcile(
        new DesiredNode(
            new NodeCpus(online, mems, CpuSet.of(isolated), Map.of(mems.first(), online)),
            Optional.empty(),
            List.of()));
  }

  /** The CPUs of the root cpuset, or aborts saying why the test cannot run here. */
  private static CpuSet available() throws IOException {
    String why = null;
    if (!"root".equals(System.getProperty("user.name"))) {
      why = "not root: cgroups cannot be written";
    } else if (!Files.isWritable(CPUSET.resolve("cpuset.cpus"))) {
      why = "no writable cgroup v1 cpuset hierarchy at " + CPUSET;
    }
    CpuSet online = why == null ? read(CPUSET.resolve("cpuset.effective_cpus")) : CpuSet.empty();
    if (why == null && online.size() < 2) {
      why = "needs 2 CPUs (one shared, one isolated); the root cpuset has " + online;
    }
    KernelGate.require("ProbeInContainerKernelTest", Optional.ofNullable(why));
    return online;
  }

  /**
   * Lays out the sandbox as the kubelet and runc do and as the agent's enforcer leaves it: the
   * container and its pod on the shared CPUs, kubepods on all of them.
   */
  private static Path containerCgroup(Path sandbox, CpuSet shared) throws IOException {
    String mems = Files.readString(CPUSET.resolve("cpuset.effective_mems")).strip();
    String all = Files.readString(CPUSET.resolve("cpuset.effective_cpus")).strip();
    String id = (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
    Path dir = sandbox;
    List<String> parts = List.of("", "kubepods", "burstable", "pod" + UUID.randomUUID(), id);
    for (int i = 0; i < parts.size(); i++) {
      dir = parts.get(i).isEmpty() ? dir : dir.resolve(parts.get(i));
      Files.createDirectory(dir);
      Files.writeString(dir.resolve("cpuset.mems"), mems);
      Files.writeString(dir.resolve("cpuset.cpus"), i < 3 ? all : shared.toListString());
    }
    return dir;
  }

  /** The container's cgroup in the cpu hierarchy, where there is one (pod and container: 51). */
  private static Optional<Path> cpuCgroup(Path cpuSandbox, Path relative) throws IOException {
    if (!Files.isRegularFile(CPU.resolve("cpu.shares"))) {
      return Optional.empty();
    }
    Path dir = Files.createDirectory(cpuSandbox);
    for (int i = 0; i < relative.getNameCount(); i++) {
      dir = Files.createDirectory(dir.resolve(relative.getName(i)));
      if (i >= 2) {
        Files.writeString(dir.resolve("cpu.shares"), "51");
      }
    }
    return Optional.of(dir);
  }

  private static Process startIn(
      Path container,
      Optional<Path> cpuContainer,
      Path cgroupRoot,
      int cpu,
      long windowMillis,
      boolean libc)
      throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String command =
        String.join(
            " ",
            cpuContainer.map(c -> "echo $$ > " + c.resolve("cgroup.procs") + " &&").orElse(""),
            "echo $$ >",
            container.resolve("cgroup.procs").toString(),
            "&& exec",
            java,
            "--enable-native-access=ALL-UNNAMED",
            "-cp",
            "\"$CP\"",
            ProbeSandboxChild.class.getName(),
            cgroupRoot.toString(),
            Integer.toString(cpu),
            Long.toString(windowMillis),
            libc ? "libc" : "cgroup");
    ProcessBuilder pb = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true);
    pb.environment().put("CP", System.getProperty("java.class.path"));
    return pb.start();
  }

  /** Reads the child's output up to the probe thread's id. */
  private static long probeTid(Process child, StringBuilder out) throws IOException {
    var reader = child.inputReader(StandardCharsets.UTF_8);
    String line;
    while ((line = reader.readLine()) != null) {
      out.append(line).append('\n');
      Matcher m = TID.matcher(line);
      if (m.find()) {
        return Long.parseLong(m.group(1));
      }
    }
    throw new AssertionError("the probe child printed no thread id:\n" + out);
  }

  private static CpuSet awaitCpus(long pid, long tid, CpuSet wanted) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    CpuSet last = CpuSet.empty();
    while (System.nanoTime() < deadline) {
      last = threadCpus(pid).getOrDefault(tid, CpuSet.empty());
      if (last.equals(wanted)) {
        return last;
      }
      Thread.sleep(20);
    }
    return last;
  }

  /** Every thread's Cpus_allowed_list, from /proc/<pid>/task/<tid>/status. */
  private static Map<Long, CpuSet> threadCpus(long pid) throws IOException {
    Map<Long, CpuSet> cpus = new HashMap<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path task : tasks.toList()) {
        try {
          ThreadStatus status = ThreadStatus.parse(Files.readString(task.resolve("status")));
          cpus.put(
              Long.parseLong(task.getFileName().toString()),
              status.cpusAllowed().orElse(CpuSet.empty()));
        } catch (IOException e) {
          // The thread exited while being read.
        }
      }
    }
    return cpus;
  }

  private static CpuSet read(Path file) throws IOException {
    return CpuSet.parse(Files.readString(file).strip());
  }

  /** Removes the sandbox's cgroups, deepest first (rmdir: a cgroup's files go with it). */
  private static void removeTree(Path sandbox) throws IOException {
    if (!Files.isDirectory(sandbox)) {
      return;
    }
    List<Path> dirs = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(sandbox)) {
      walk.filter(Files::isDirectory).forEach(dirs::add);
    }
    dirs.sort(Comparator.comparingInt(Path::getNameCount).reversed());
    for (Path d : dirs) {
      for (int attempt = 0; attempt < 50; attempt++) {
        try {
          Files.deleteIfExists(d);
          break;
        } catch (IOException e) {
          sleepQuietly();
        }
      }
    }
  }

  private static void sleepQuietly() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
