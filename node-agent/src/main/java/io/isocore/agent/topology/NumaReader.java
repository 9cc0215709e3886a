package io.isocore.agent.topology;

import io.isocore.core.cpu.CpuSet;
import io.isocore.core.topology.HugepagePool;
import io.isocore.core.topology.HugepageSize;
import io.isocore.core.topology.NumaNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reads the NUMA nodes under {@code sys/devices/system/node}: CPUs ({@code cpulist}, or {@code
 * cpumap} on old kernels), memory, SLIT distances and hugepages. A machine without that directory
 * gets one node 0 holding every online CPU, with memory from {@code /proc/meminfo} and hugepages
 * from {@code /sys/kernel/mm/hugepages}. Memory-only nodes are kept with no CPUs.
 */
final class NumaReader {

  private final KernelFiles files;

  NumaReader(KernelFiles files) {
    this.files = files;
  }

  List<NumaNode> read(CpuSet online) {
    Path nodeRoot = files.path("sys/devices/system/node");
    List<Integer> ids = new ArrayList<>();
    for (Path dir : files.list(nodeRoot, "node")) {
      Optional<Integer> id = suffixId(dir.getFileName().toString(), "node");
      if (id.isPresent() && Files.isDirectory(dir)) {
        ids.add(id.get());
      }
    }
    if (ids.isEmpty()) {
      return List.of(wholeMachineNode(online));
    }
    ids.sort(Comparator.naturalOrder());
    List<NumaNode> nodes = new ArrayList<>(ids.size());
    for (int id : ids) {
      nodes.add(node(nodeRoot.resolve("node" + id), id, online));
    }
    return nodes;
  }

  private NumaNode node(Path dir, int id, CpuSet online) {
    CpuSet cpus =
        files
            .cpuListOrMask(dir.resolve("cpulist"), dir.resolve("cpumap"))
            .orElse(CpuSet.empty())
            .intersection(online);
    Path meminfo = dir.resolve("meminfo");
    Optional<String> memText = files.text(meminfo);
    long total = memText.map(t -> kilobytes(meminfo, t, "MemTotal:")).orElse(0L);
    long free = memText.map(t -> kilobytes(meminfo, t, "MemFree:")).orElse(0L);
    List<Integer> distances =
        files
            .parsed(dir.resolve("distance"), NumaReader::distances, "SLIT distances")
            .orElse(List.of());
    return new NumaNode(id, cpus, total, free, distances, hugepages(dir.resolve("hugepages")));
  }

  private NumaNode wholeMachineNode(CpuSet online) {
    Path meminfo = files.path("proc/meminfo");
    Optional<String> memText = files.text(meminfo);
    long total = memText.map(t -> kilobytes(meminfo, t, "MemTotal:")).orElse(0L);
    long free = memText.map(t -> kilobytes(meminfo, t, "MemFree:")).orElse(0L);
    return new NumaNode(
        0, online, total, free, List.of(), hugepages(files.path("sys/kernel/mm/hugepages")));
  }

  private List<HugepagePool> hugepages(Path dir) {
    List<HugepagePool> pools = new ArrayList<>();
    for (Path sizeDir : files.list(dir, "hugepages-")) {
      String name = sizeDir.getFileName().toString();
      Optional<HugepageSize> size = HugepageSize.fromSysfsName(name);
      if (size.isEmpty()) {
        files.degrade(sizeDir, "expected a directory named hugepages-<size>kB");
        continue;
      }
      long total = files.number(sizeDir.resolve("nr_hugepages")).orElse(0);
      long freePages = files.number(sizeDir.resolve("free_hugepages")).orElse(0);
      long surplus = files.number(sizeDir.resolve("surplus_hugepages")).orElse(0);
      pools.add(new HugepagePool(size.get().bytes(), total, freePages, surplus));
    }
    pools.sort(Comparator.comparingLong(HugepagePool::pageSizeBytes));
    return pools;
  }

  /** Finds {@code key} in a meminfo text ({@code Node 0 MemTotal: 123 kB}) and returns bytes. */
  private long kilobytes(Path file, String text, String key) {
    int at = text.indexOf(key);
    if (at < 0) {
      // Only MemTotal is essential; some kernels and trimmed dumps show no MemFree.
      if (key.equals("MemTotal:")) {
        files.degrade(file, "no MemTotal line");
      }
      return 0;
    }
    int i = at + key.length();
    while (i < text.length() && text.charAt(i) == ' ') {
      i++;
    }
    int start = i;
    while (i < text.length() && Character.isDigit(text.charAt(i))) {
      i++;
    }
    if (start == i) {
      files.degrade(file, "expected a number after " + key);
      return 0;
    }
    try {
      return Long.parseLong(text, start, i, 10) * 1024;
    } catch (NumberFormatException e) {
      files.degrade(file, "number after " + key + " is out of range");
      return 0;
    }
  }

  static List<Integer> distances(String text) {
    if (text.isEmpty()) {
      return List.of();
    }
    return Arrays.stream(text.trim().split("\\s+")).map(Integer::valueOf).toList();
  }

  static Optional<Integer> suffixId(String name, String prefix) {
    if (name.length() <= prefix.length() || !name.startsWith(prefix)) {
      return Optional.empty();
    }
    for (int i = prefix.length(); i < name.length(); i++) {
      if (!Character.isDigit(name.charAt(i))) {
        return Optional.empty();
      }
    }
    try {
      return Optional.of(Integer.parseInt(name.substring(prefix.length())));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
