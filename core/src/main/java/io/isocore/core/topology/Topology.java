package io.isocore.core.topology;

import io.isocore.core.cpu.CpuSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A node's CPU and memory topology, as the kernel reports it. Lists are sorted by id.
 *
 * @param sockets the physical packages
 * @param numaNodes the NUMA nodes, memory-only ones included
 * @param cores the physical cores, sorted by {@link Core#id()}
 * @param cpus the online logical CPUs
 * @param l3Groups the L3 cache groups (empty where the machine has no L3)
 * @param online the online CPUs
 * @param offline the CPUs present but offline
 */
public record Topology(
    List<Socket> sockets,
    List<NumaNode> numaNodes,
    List<Core> cores,
    List<Cpu> cpus,
    List<CacheGroup> l3Groups,
    CpuSet online,
    CpuSet offline) {

  /** Copies the lists so the record stays immutable. */
  public Topology {
    sockets = List.copyOf(sockets);
    numaNodes = List.copyOf(numaNodes);
    cores = List.copyOf(cores);
    cpus = List.copyOf(cpus);
    l3Groups = List.copyOf(l3Groups);
  }

  /** Returns the NUMA node with the given id. */
  public Optional<NumaNode> numaNode(int id) {
    return numaNodes.stream().filter(n -> n.id() == id).findFirst();
  }

  /** Returns the CPU with the given id, if online. */
  public Optional<Cpu> cpu(int id) {
    return cpus.stream().filter(c -> c.id() == id).findFirst();
  }

  /** Returns the cores by their id. */
  public Map<Integer, Core> coresById() {
    return cores.stream().collect(Collectors.toMap(Core::id, Function.identity()));
  }

  /** Returns the cores whose CPUs are all in {@code cpus}. */
  public List<Core> coresWithin(CpuSet cpus) {
    return cores.stream().filter(c -> cpus.containsAll(c.cpus())).toList();
  }

  /** Returns the largest number of SMT siblings on one core (1 without SMT). */
  public int threadsPerCore() {
    return cores.stream().mapToInt(c -> c.cpus().size()).max().orElse(1);
  }
}
