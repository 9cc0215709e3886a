package io.isocore.agent.testing;

import io.isocore.agent.cgroup.CgroupDriver;
import io.isocore.agent.cgroup.CgroupV1Cpuset;
import io.isocore.agent.cgroup.CgroupV2Cpuset;
import io.isocore.agent.cgroup.CgroupVersion;
import io.isocore.agent.cgroup.ContainerCgroupLocator;
import io.isocore.agent.cgroup.CpusetCgroups;
import io.isocore.agent.cgroup.QosClass;
import io.isocore.agent.host.HostRoot;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.topology.HugepageSize;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A cgroupfs, procfs and sysfs fixture laid out as a node of the given {@link Layout} shows it:
 * kubepods with QoS parents, pod and container cgroups named for the driver and the runtime,
 * processes with threads under {@code proc/}, hugepage pools under {@code sys/}. Files are plain
 * files; {@link SimulatedKernel} adds the kernel's side effects (effective lists, thread affinity).
 */
public final class FakeCgroupTree {

  /**
   * A node flavour.
   *
   * @param version cgroup v1 or v2
   * @param driver systemd or cgroupfs
   * @param runtime {@code containerd} or {@code cri-o}
   */
  public record Layout(CgroupVersion version, CgroupDriver driver, String runtime) {

    /** Every combination: v1/v2 × systemd/cgroupfs × containerd/CRI-O. */
    public static List<Layout> all() {
      List<Layout> all = new ArrayList<>();
      for (CgroupVersion v : CgroupVersion.values()) {
        for (CgroupDriver d : CgroupDriver.values()) {
          for (String r : List.of("containerd", "cri-o")) {
            all.add(new Layout(v, d, r));
          }
        }
      }
      return all;
    }

    @Override
    public String toString() {
      return version + "-" + driver.name().toLowerCase() + "-" + runtime;
    }
  }

  private final Path dir;
  private final Layout layout;
  private final CpuSet online;
  private final CpuSet mems;
  private final CpusetCgroups adapter;
  private long nextTid = 100_000;

  /**
   * Creates the fixture: the hierarchy root, kubepods and the burstable and besteffort parents, and
   * a {@code system.slice} (or {@code system}) cgroup outside kubepods, all on every CPU.
   */
  public FakeCgroupTree(Path dir, Layout layout, CpuSet online, CpuSet mems) {
    this.dir = dir;
    this.layout = layout;
    this.online = online;
    this.mems = mems;
    if (layout.version == CgroupVersion.V1) {
      write(cgroupRoot().resolve("cpu/cpu.shares"), "1024\n"); // the adapter looks for cpu/
    }
    this.adapter =
        layout.version == CgroupVersion.V1
            ? new CgroupV1Cpuset(cgroupRoot())
            : new CgroupV2Cpuset(cgroupRoot());
    createCgroup("");
    createCgroup(layout.driver == CgroupDriver.SYSTEMD ? "system.slice" : "system");
    createCgroup(kubepods());
    createCgroup(qosParent(QosClass.BURSTABLE));
    createCgroup(qosParent(QosClass.BEST_EFFORT));
  }

  /** Returns the layout. */
  public Layout layout() {
    return layout;
  }

  /** Returns the cgroupfs root the adapters take. */
  public Path cgroupRoot() {
    return dir.resolve("sys/fs/cgroup");
  }

  /** Returns the procfs root. */
  public Path proc() {
    return dir.resolve("proc");
  }

  /** The fake host root ({@code sys/} and {@code proc/} below it). */
  public HostRoot host() {
    return new HostRoot(dir);
  }

  /** Returns the sysfs root. */
  public Path sys() {
    return dir.resolve("sys");
  }

  /** Returns the plain adapter over this tree (no kernel side effects). */
  public CpusetCgroups adapter() {
    return adapter;
  }

  /** Returns the kubepods cgroup. */
  public String kubepods() {
    return layout.driver == CgroupDriver.SYSTEMD ? "kubepods.slice" : "kubepods";
  }

  private String qosParent(QosClass qos) {
    String pod = ContainerCgroupLocator.podCgroup(layout.driver, qos, "x");
    return qos == QosClass.GUARANTEED ? kubepods() : pod.substring(0, pod.lastIndexOf('/'));
  }

  /**
   * Returns the container ID as the pod status shows it ({@code containerd://<64 hex>}) for a short
   * test name: the name's bytes in hex, padded with zeros to the 64 digits runtimes use.
   */
  public String containerId(String id) {
    return layout.runtime + "://" + hexId(id);
  }

  /** The 64-hex runtime ID standing for the test name {@code id} (at most 32 characters). */
  public static String hexId(String id) {
    String hex = java.util.HexFormat.of().formatHex(id.getBytes(StandardCharsets.UTF_8));
    if (hex.length() > 64) {
      throw new IllegalArgumentException("test container name too long: " + id);
    }
    return hex + "0".repeat(64 - hex.length());
  }

  /** Creates a pod cgroup and returns its path. */
  public String addPod(String uid, QosClass qos) {
    String pod = ContainerCgroupLocator.podCgroup(layout.driver, qos, uid);
    createCgroup(pod);
    return pod;
  }

  /**
   * Creates a container cgroup on every CPU, starts {@code processes} processes with two threads
   * each in it, and returns its path.
   */
  public String addContainer(String uid, QosClass qos, String id, int processes) {
    String pod = ContainerCgroupLocator.podCgroup(layout.driver, qos, uid);
    if (!Files.isDirectory(adapter.cpusetDir(pod))) {
      addPod(uid, qos);
    }
    String name = ContainerCgroupLocator.containerNames(layout.driver, containerId(id)).getFirst();
    String path = pod + "/" + name;
    createCgroup(path);
    StringBuilder procs = new StringBuilder();
    for (int p = 0; p < processes; p++) {
      long pid = nextTid;
      nextTid += 10;
      procs.append(pid).append('\n');
      for (long tid = pid; tid < pid + 2; tid++) {
        write(proc().resolve(pid + "/task/" + tid + "/status"), status(tid, online));
      }
    }
    write(adapter.cpusetDir(path).resolve("cgroup.procs"), procs.toString());
    return path;
  }

  /** Sets a NUMA node's free pages of {@code size}. */
  public void setFreeHugepages(int node, HugepageSize size, long pages) {
    write(
        sys()
            .resolve(
                "devices/system/node/node"
                    + node
                    + "/hugepages/"
                    + size.sysfsName()
                    + "/free_hugepages"),
        pages + "\n");
  }

  /**
   * Creates a cgroup with its files: cpus and mems on everything, effective lists, weight, hugetlb.
   */
  public void createCgroup(String path) {
    Path cpuset = adapter.cpusetDir(path);
    boolean v1 = layout.version == CgroupVersion.V1;
    boolean existed = Files.isDirectory(cpuset);
    write(cpuset.resolve("cpuset.cpus"), online.toListString() + "\n");
    write(cpuset.resolve("cpuset.mems"), mems.toListString() + "\n");
    write(
        cpuset.resolve(v1 ? "cpuset.effective_cpus" : "cpuset.cpus.effective"),
        online.toListString() + "\n");
    write(
        cpuset.resolve(v1 ? "cpuset.effective_mems" : "cpuset.mems.effective"),
        mems.toListString() + "\n");
    write(cpuset.resolve("cgroup.procs"), "");
    if (v1) {
      write(cpuset.resolve("tasks"), "");
      write(cpuset.resolve("notify_on_release"), "0\n");
    } else {
      write(cpuset.resolve("cgroup.subtree_control"), "cpuset cpu hugetlb\n");
      if (!existed) {
        write(cpuset.resolve("cgroup.stat"), "nr_descendants 0\nnr_dying_descendants 0\n");
        addDescendants(path, 1);
      }
      write(cpuset.resolve("cpuset.cpus.partition"), "member\n");
    }
    Path cpu = v1 ? cgroupRoot().resolve("cpu").resolve(path) : cpuset;
    write(cpu.resolve(v1 ? "cpu.shares" : "cpu.weight"), v1 ? "1024\n" : "100\n");
    Path hugetlb = v1 ? cgroupRoot().resolve("hugetlb").resolve(path) : cpuset;
    for (HugepageSize size : List.of(HugepageSize.TWO_MI, HugepageSize.ONE_GI)) {
      String n = size.cgroupName();
      write(
          hugetlb.resolve(v1 ? "hugetlb." + n + ".limit_in_bytes" : "hugetlb." + n + ".max"),
          v1 ? "9223372036854771712\n" : "max\n");
      write(
          hugetlb.resolve(v1 ? "hugetlb." + n + ".usage_in_bytes" : "hugetlb." + n + ".current"),
          "0\n");
    }
  }

  /** Keeps {@code cgroup.stat}'s {@code nr_descendants} of v2 ancestors right, as the kernel. */
  private void addDescendants(String path, int delta) {
    String p = path;
    while (!p.isEmpty()) {
      p = p.contains("/") ? p.substring(0, p.lastIndexOf('/')) : "";
      Path stat = adapter.cpusetDir(p).resolve("cgroup.stat");
      int n = Integer.parseInt(readFile(stat).lines().findFirst().orElseThrow().split(" ")[1]);
      write(stat, "nr_descendants " + (n + delta) + "\nnr_dying_descendants 0\n");
    }
  }

  /** Removes a cgroup as the kernel does (rmdir of the whole directory). */
  public void removeCgroup(String path) {
    if (layout.version == CgroupVersion.V2 && Files.isDirectory(adapter.cpusetDir(path))) {
      String own = readFile(adapter.cpusetDir(path).resolve("cgroup.stat"));
      addDescendants(
          path, -1 - Integer.parseInt(own.lines().findFirst().orElseThrow().split(" ")[1]));
    }
    for (Path p :
        List.of(
            adapter.cpusetDir(path),
            cgroupRoot().resolve("cpu").resolve(path),
            cgroupRoot().resolve("hugetlb").resolve(path))) {
      deleteRecursively(p);
    }
  }

  /** Returns a file of a cgroup in the cpuset hierarchy, stripped. */
  public String read(String cgroup, String file) {
    return readFile(adapter.cpusetDir(cgroup).resolve(file));
  }

  /** Returns a file of a cgroup in the cpu hierarchy (v1) or the cgroup itself (v2), stripped. */
  public String readCpu(String cgroup, String file) {
    Path base =
        layout.version == CgroupVersion.V1
            ? cgroupRoot().resolve("cpu").resolve(cgroup)
            : adapter.cpusetDir(cgroup);
    return readFile(base.resolve(file));
  }

  /** Returns a hugetlb file of a cgroup, stripped. */
  public String readHugetlb(String cgroup, String file) {
    Path base =
        layout.version == CgroupVersion.V1
            ? cgroupRoot().resolve("hugetlb").resolve(cgroup)
            : adapter.cpusetDir(cgroup);
    return readFile(base.resolve(file));
  }

  /** Overwrites {@code cpuset.cpus} behind isocore's back, as a runtime would. */
  public void rewriteCpus(String cgroup, String cpus) {
    write(adapter.cpusetDir(cgroup).resolve("cpuset.cpus"), cpus + "\n");
  }

  /** Returns {@code Cpus_allowed_list} of every thread of a cgroup's processes. */
  public List<String> threadAffinities(String cgroup) {
    List<String> out = new ArrayList<>();
    for (String pid : read(cgroup, "cgroup.procs").split("\n")) {
      if (pid.isBlank()) {
        continue;
      }
      try (Stream<Path> tasks = Files.list(proc().resolve(pid + "/task"))) {
        for (Path task : tasks.sorted().toList()) {
          for (String line : Files.readAllLines(task.resolve("status"))) {
            if (line.startsWith("Cpus_allowed_list:")) {
              out.add(line.substring(line.indexOf(':') + 1).strip());
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  /**
   * Returns every cpuset, weight and hugetlb file of the whole fixture with its content, keyed by
   * its path under the cgroupfs root: a fingerprint to prove nothing changed.
   */
  public Map<String, String> snapshot() {
    Map<String, String> all = new TreeMap<>();
    try (Stream<Path> files = Files.walk(cgroupRoot())) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        all.put(cgroupRoot().relativize(f).toString(), readFile(f));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return all;
  }

  static String status(long tid, CpuSet allowed) {
    return "Name:\tworker\nPid:\t"
        + tid
        + "\nCpus_allowed:\t"
        + allowed.toMask()
        + "\nCpus_allowed_list:\t"
        + allowed.toListString()
        + "\n";
  }

  static String readFile(Path f) {
    try {
      return Files.readString(f).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void write(Path f, String content) {
    try {
      Files.createDirectories(f.getParent());
      Files.writeString(f, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteRecursively(Path p) {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path f : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
