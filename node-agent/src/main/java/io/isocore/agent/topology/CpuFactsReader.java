package io.isocore.agent.topology;

import io.isocore.core.cpu.CpuSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * Reads one online CPU's {@code topology/} and {@code cache/} directories, old kernels included.
 */
final class CpuFactsReader {

  private final KernelFiles files;
  private final Path cpuRoot;
  // The kernel shows the same L3 to every CPU sharing it: once one CPU's L3 is read, its sharers
  // reuse it (three fewer file reads per CPU; discovery of 256 CPUs is mostly file opens).
  private final java.util.Map<Integer, L3> knownL3 = new java.util.HashMap<>();

  CpuFactsReader(KernelFiles files) {
    this.files = files;
    this.cpuRoot = files.path("sys/devices/system/cpu");
  }

  CpuFacts read(int cpu) {
    Path dir = cpuRoot.resolve("cpu" + cpu);
    Path topology = dir.resolve("topology");
    if (!Files.isDirectory(topology)) {
      files.degrade(topology, "missing for online CPU " + cpu + "; treated as its own core");
    }
    int packageId = nonNegative(files.number(topology.resolve("physical_package_id")), 0);
    int dieId = nonNegative(files.number(topology.resolve("die_id")), 0);
    // x86 kernels print 65535 (an invalid L2 id) where there are no clusters.
    long cluster = files.number(topology.resolve("cluster_id")).orElse(-1);
    int clusterId = cluster < 0 || cluster >= 0xffff ? -1 : (int) cluster;
    int coreId = (int) files.number(topology.resolve("core_id")).orElse(cpu);
    CpuSet siblings =
        files
            .cpuListOrMask(
                topology.resolve("thread_siblings_list"), topology.resolve("thread_siblings"))
            .orElse(CpuSet.empty())
            .with(cpu);
    L3 l3 = knownL3.get(cpu);
    if (l3 == null) {
      L3 read = readL3(dir.resolve("cache"), cpu);
      read.cpus().forEach(sharer -> knownL3.putIfAbsent(sharer, read));
      l3 = read;
    }
    return new CpuFacts(cpu, packageId, dieId, clusterId, coreId, siblings, l3.cpus, l3.id);
  }

  private record L3(CpuSet cpus, int id) {}

  private L3 readL3(Path cache, int cpu) {
    // The L3 is index3 on almost every machine: try it before listing the directory.
    Path likely = cache.resolve("index3");
    if (isLevel3(likely)) {
      return l3At(likely, cpu);
    }
    List<Path> indexes = Files.isDirectory(cache) ? files.list(cache, "index") : List.of();
    for (Path index : indexes) {
      if (!index.equals(likely) && isLevel3(index)) {
        return l3At(index, cpu);
      }
    }
    return new L3(CpuSet.empty(), -1);
  }

  private boolean isLevel3(Path index) {
    return files.number(index.resolve("level")).orElse(-1) == 3;
  }

  private L3 l3At(Path index, int cpu) {
    CpuSet shared =
        files
            .cpuListOrMask(index.resolve("shared_cpu_list"), index.resolve("shared_cpu_map"))
            .orElse(CpuSet.empty())
            .with(cpu);
    int id = (int) files.number(index.resolve("id")).orElse(-1);
    return new L3(shared, id);
  }

  private static int nonNegative(OptionalLong value, int fallback) {
    // Some ARM kernels print -1 for physical_package_id when the firmware does not say.
    return value.isPresent() && value.getAsLong() >= 0 ? (int) value.getAsLong() : fallback;
  }
}
