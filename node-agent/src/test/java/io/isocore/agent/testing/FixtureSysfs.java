package io.isocore.agent.testing;

import io.isocore.core.cpu.CpuSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a sysfs/procfs tree for a regular machine shape, and computes, independently of the
 * reader, what a correct reading of it must give.
 *
 * <p>CPU numbering follows Linux on x86: the first thread of every core, then the second threads,
 * and so on ({@code cpu = thread * cores + coreIndex}). Cores are numbered package by package and
 * NUMA node by NUMA node; {@code core_id} restarts in every NUMA node (as on AMD Magny-Cours), so a
 * reader keying cores by (package, core_id) fails on any shape with two nodes per package. Each
 * NUMA node has its own L3.
 */
public final class FixtureSysfs {

  private int packages = 1;
  private int numaPerPackage = 1;
  private int coresPerNuma = 2;
  private int threadsPerCore = 1;
  private CpuSet offline = CpuSet.empty();
  private CpuSet isolated = CpuSet.empty();
  private boolean nodeDirectory = true;
  private boolean oldKernel = false;
  private final List<long[]> hugepages = new ArrayList<>();
  private String name;

  private FixtureSysfs() {}

  /** Starts a one-package, one-node, two-core machine without SMT. */
  public static FixtureSysfs machine() {
    return new FixtureSysfs();
  }

  /** Sets the number of packages (sockets). */
  public FixtureSysfs packages(int n) {
    packages = n;
    return this;
  }

  /** Sets the NUMA nodes per package. */
  public FixtureSysfs numaPerPackage(int n) {
    numaPerPackage = n;
    return this;
  }

  /** Sets the cores per NUMA node. */
  public FixtureSysfs coresPerNuma(int n) {
    coresPerNuma = n;
    return this;
  }

  /** Sets the SMT threads per core. */
  public FixtureSysfs threadsPerCore(int n) {
    threadsPerCore = n;
    return this;
  }

  /** Takes these CPUs offline (no topology directory, {@code online} 0). */
  public FixtureSysfs offline(CpuSet cpus) {
    offline = cpus;
    return this;
  }

  /** Isolates these CPUs: sysfs {@code isolated} and {@code nohz_full}, and the command line. */
  public FixtureSysfs isolated(CpuSet cpus) {
    isolated = cpus;
    return this;
  }

  /** Leaves out {@code sys/devices/system/node}: one node 0 must hold every CPU. */
  public FixtureSysfs noNodeDirectory() {
    nodeDirectory = false;
    return this;
  }

  /** Writes only what old kernels have: hex masks, no {@code *_list}, no cache id, no online. */
  public FixtureSysfs oldKernel() {
    oldKernel = true;
    return this;
  }

  /** Adds a hugepage pool of {@code sizeKb} on every node. */
  public FixtureSysfs hugepages(long sizeKb, long total, long free) {
    hugepages.add(new long[] {sizeKb, total, free});
    return this;
  }

  /** Names the shape (for test display). */
  public FixtureSysfs named(String n) {
    name = n;
    return this;
  }

  /** Returns the total number of logical CPUs. */
  public int cpuCount() {
    return packages * numaPerPackage * coresPerNuma * threadsPerCore;
  }

  private int coreCount() {
    return packages * numaPerPackage * coresPerNuma;
  }

  private int coreIndex(int cpu) {
    return cpu % coreCount();
  }

  private int nodeOf(int cpu) {
    return coreIndex(cpu) / coresPerNuma;
  }

  private int packageOf(int cpu) {
    return nodeOf(cpu) / numaPerPackage;
  }

  private CpuSet threadsOfCore(int core) {
    List<Integer> cpus = new ArrayList<>();
    for (int t = 0; t < threadsPerCore; t++) {
      cpus.add(t * coreCount() + core);
    }
    return CpuSet.of(cpus);
  }

  private CpuSet cpusWhere(java.util.function.IntPredicate p) {
    List<Integer> cpus = new ArrayList<>();
    for (int cpu = 0; cpu < cpuCount(); cpu++) {
      if (p.test(cpu)) {
        cpus.add(cpu);
      }
    }
    return CpuSet.of(cpus);
  }

  /** What a correct reader must find. */
  public Expected expected() {
    CpuSet all = CpuSet.range(0, cpuCount() - 1);
    CpuSet online = all.minus(offline);
    Map<Integer, CpuSet> sockets = new TreeMap<>();
    Map<Integer, CpuSet> nodes = new TreeMap<>();
    Map<CpuSet, int[]> cores = new LinkedHashMap<>();
    Map<Integer, CpuSet> l3 = new TreeMap<>();
    for (int p = 0; p < packages; p++) {
      int pkg = p;
      CpuSet cpus = cpusWhere(c -> packageOf(c) == pkg).intersection(online);
      if (!cpus.isEmpty()) {
        sockets.put(p, cpus);
      }
    }
    int nodeCount = packages * numaPerPackage;
    for (int n = 0; n < nodeCount; n++) {
      int node = n;
      CpuSet cpus = cpusWhere(c -> nodeOf(c) == node).intersection(online);
      if (nodeDirectory) {
        nodes.put(n, cpus);
      }
      if (!cpus.isEmpty()) {
        l3.put(n, cpus);
      }
    }
    if (!nodeDirectory) {
      nodes.put(0, online);
    }
    for (int core = 0; core < coreCount(); core++) {
      CpuSet cpus = threadsOfCore(core).intersection(online);
      if (!cpus.isEmpty()) {
        int first = cpus.first();
        cores.put(cpus, new int[] {packageOf(first), nodeDirectory ? nodeOf(first) : 0});
      }
    }
    return new Expected(online, all.minus(online), sockets, nodes, cores, l3);
  }

  /**
   * What a correct reading gives.
   *
   * @param online online CPUs
   * @param offline present but offline CPUs
   * @param sockets package id to online CPUs
   * @param numaNodes node id to online CPUs
   * @param cores core CPUs to {package, NUMA node}
   * @param l3Groups lowest-CPU-ordered L3 groups (key: NUMA node index)
   */
  public record Expected(
      CpuSet online,
      CpuSet offline,
      Map<Integer, CpuSet> sockets,
      Map<Integer, CpuSet> numaNodes,
      Map<CpuSet, int[]> cores,
      Map<Integer, CpuSet> l3Groups) {}

  /** Writes the tree under {@code root} and returns the expectation. */
  public Expected write(Path root) {
    try {
      writeTree(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return expected();
  }

  private void writeTree(Path root) throws IOException {
    Path cpuRoot = root.resolve("sys/devices/system/cpu");
    CpuSet all = CpuSet.range(0, cpuCount() - 1);
    CpuSet online = all.minus(offline);
    if (!oldKernel) {
      put(cpuRoot.resolve("online"), online.toListString());
      put(cpuRoot.resolve("offline"), offline.toListString());
    }
    put(cpuRoot.resolve("possible"), all.toListString());
    put(cpuRoot.resolve("present"), all.toListString());
    put(cpuRoot.resolve("isolated"), isolated.toListString());
    put(cpuRoot.resolve("nohz_full"), isolated.isEmpty() ? "  (null)" : isolated.toListString());
    for (int cpu = 0; cpu < cpuCount(); cpu++) {
      Path dir = cpuRoot.resolve("cpu" + cpu);
      Files.createDirectories(dir);
      if (cpu != 0) {
        put(dir.resolve("online"), offline.contains(cpu) ? "0" : "1");
      }
      if (offline.contains(cpu)) {
        continue;
      }
      Path topo = dir.resolve("topology");
      CpuSet siblings = threadsOfCore(coreIndex(cpu));
      int coreId = coreIndex(cpu) % coresPerNuma;
      int pkg = packageOf(cpu);
      CpuSet pkgCpus = cpusWhere(c -> packageOf(c) == pkg);
      put(topo.resolve("physical_package_id"), Integer.toString(pkg));
      put(topo.resolve("core_id"), Integer.toString(coreId));
      put(topo.resolve("thread_siblings"), siblings.toMask());
      put(topo.resolve("core_siblings"), pkgCpus.toMask());
      if (!oldKernel) {
        put(topo.resolve("die_id"), "0");
        put(topo.resolve("thread_siblings_list"), siblings.toListString());
        put(topo.resolve("core_siblings_list"), pkgCpus.toListString());
      }
      Path l1 = dir.resolve("cache/index0");
      put(l1.resolve("level"), "1");
      put(l1.resolve("type"), "Data");
      put(l1.resolve("shared_cpu_map"), siblings.toMask());
      int node = nodeOf(cpu);
      CpuSet l3cpus = cpusWhere(c -> nodeOf(c) == node);
      Path l3 = dir.resolve("cache/index3");
      put(l3.resolve("level"), "3");
      put(l3.resolve("type"), "Unified");
      put(l3.resolve("shared_cpu_map"), l3cpus.toMask());
      if (!oldKernel) {
        put(l3.resolve("shared_cpu_list"), l3cpus.toListString());
        // Kernel cache ids are per level and need not be dense: use 100 + node.
        put(l3.resolve("id"), Integer.toString(100 + node));
      }
    }
    if (nodeDirectory) {
      Path nodeRoot = root.resolve("sys/devices/system/node");
      int nodeCount = packages * numaPerPackage;
      put(nodeRoot.resolve("online"), CpuSet.range(0, nodeCount - 1).toListString());
      for (int n = 0; n < nodeCount; n++) {
        int node = n;
        Path dir = nodeRoot.resolve("node" + n);
        CpuSet cpus = cpusWhere(c -> nodeOf(c) == node);
        put(dir.resolve("cpumap"), cpus.toMask());
        if (!oldKernel) {
          put(dir.resolve("cpulist"), cpus.toListString());
        }
        put(
            dir.resolve("meminfo"),
            "Node "
                + n
                + " MemTotal:       16777216 kB\nNode "
                + n
                + " MemFree:        8388608 kB\nNode "
                + n
                + " MemUsed:        8388608 kB\n");
        StringBuilder distance = new StringBuilder();
        for (int m = 0; m < nodeCount; m++) {
          distance.append(m == n ? "10" : (m / numaPerPackage == n / numaPerPackage ? "12" : "21"));
          distance.append(m + 1 < nodeCount ? " " : "");
        }
        put(dir.resolve("distance"), distance.toString());
        writeHugepages(dir.resolve("hugepages"));
      }
    } else {
      put(
          root.resolve("proc/meminfo"),
          "MemTotal:       16777216 kB\nMemFree:         8388608 kB\n");
      writeHugepages(root.resolve("sys/kernel/mm/hugepages"));
    }
    String iso = isolated.toListString();
    put(
        root.resolve("proc/cmdline"),
        isolated.isEmpty()
            ? "BOOT_IMAGE=/vmlinuz root=/dev/sda1"
            : "BOOT_IMAGE=/vmlinuz isolcpus=managed_irq,domain," + iso + " nohz_full=" + iso);
  }

  private void writeHugepages(Path dir) throws IOException {
    for (long[] pool : hugepages) {
      Path size = dir.resolve("hugepages-" + pool[0] + "kB");
      put(size.resolve("nr_hugepages"), Long.toString(pool[1]));
      put(size.resolve("free_hugepages"), Long.toString(pool[2]));
      put(size.resolve("surplus_hugepages"), "0");
    }
  }

  /** Writes a file as sysfs shows it: the text and a newline. */
  public static void put(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text + "\n", StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    if (name != null) {
      return name;
    }
    return packages
        + "p"
        + numaPerPackage
        + "n"
        + coresPerNuma
        + "c"
        + threadsPerCore
        + "t"
        + (offline.isEmpty() ? "" : " offline " + offline)
        + (isolated.isEmpty() ? "" : " isolated " + isolated)
        + (nodeDirectory ? "" : " no-node-dir")
        + (oldKernel ? " old-kernel" : "");
  }
}
