package io.isocore.agent.topology;

import io.isocore.core.cpu.CpuSet;
import io.isocore.core.node.Degradation;
import io.isocore.core.topology.NumaNode;
import io.isocore.core.topology.Topology;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a node's CPU and NUMA topology from {@code sys/devices/system/{cpu,node}} under a root:
 * {@code /} on the live machine, a dump of another machine in tests and in the CLI's {@code
 * --root}.
 */
public final class SysfsTopologyReader {

  private final Path root;

  /** Reads under {@code root}. */
  public SysfsTopologyReader(Path root) {
    this.root = root;
  }

  /** Reads the topology; never throws for bad sysfs content (see {@link Degradation}). */
  public TopologyReading read() {
    KernelFiles files = new KernelFiles(root);
    Topology topology = read(files);
    return new TopologyReading(topology, files.degradations());
  }

  /** Reads the topology, recording degradations in {@code files}. */
  public static Topology read(KernelFiles files) {
    CpuSets sets = cpuSets(files);
    CpuFactsReader cpuReader = new CpuFactsReader(files);
    List<CpuFacts> facts = new ArrayList<>(sets.online.size());
    sets.online.forEach(cpu -> facts.add(cpuReader.read(cpu)));
    List<NumaNode> nodes = new NumaReader(files).read(sets.online);
    return TopologyAssembler.assemble(facts, nodes, sets.online, sets.present.minus(sets.online));
  }

  private record CpuSets(CpuSet online, CpuSet present) {}

  /**
   * Online and present CPUs. Without an {@code online} file (old kernels) a CPU is online unless
   * its own {@code cpuN/online} says 0; without {@code present}, every {@code cpuN} directory is.
   */
  private static CpuSets cpuSets(KernelFiles files) {
    Path cpuRoot = files.path("sys/devices/system/cpu");
    List<Integer> dirs = new ArrayList<>();
    for (Path dir : files.list(cpuRoot, "cpu")) {
      NumaReader.suffixId(dir.getFileName().toString(), "cpu").ifPresent(dirs::add);
    }
    CpuSet inDirs = CpuSet.of(dirs);
    Optional<CpuSet> onlineFile = files.cpuList(cpuRoot.resolve("online"));
    CpuSet online =
        onlineFile.orElseGet(
            () -> {
              List<Integer> up = new ArrayList<>();
              for (int cpu : dirs) {
                long state = files.number(cpuRoot.resolve("cpu" + cpu).resolve("online")).orElse(1);
                if (state != 0) {
                  up.add(cpu);
                }
              }
              return CpuSet.of(up);
            });
    if (onlineFile.isPresent() && !inDirs.isEmpty() && !inDirs.containsAll(online)) {
      // A dump may leave out some CPUs' directories; read only those present.
      files.degrade(
          cpuRoot.resolve("online"),
          "lists CPUs " + online.minus(inDirs).toListString() + " that have no cpuN directory");
      online = online.intersection(inDirs);
    }
    CpuSet present = files.cpuList(cpuRoot.resolve("present")).orElse(inDirs).union(online);
    return new CpuSets(online, present);
  }
}
