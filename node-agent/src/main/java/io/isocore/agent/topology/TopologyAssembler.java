package io.isocore.agent.topology;

import io.isocore.core.cpu.CpuSet;
import io.isocore.core.topology.CacheGroup;
import io.isocore.core.topology.Core;
import io.isocore.core.topology.Cpu;
import io.isocore.core.topology.NumaNode;
import io.isocore.core.topology.Socket;
import io.isocore.core.topology.Topology;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Groups per-CPU facts into the {@link Topology} model. Pure: no file access.
 *
 * <p>Cores are the classes of the "is a thread sibling of" relation (made symmetric and
 * transitive), restricted to online CPUs: the kernel's {@code core_id} repeats per die or NUMA node
 * on some machines, and thread siblings do not. On AMD Bulldozer this makes one core of each
 * compute unit (the two integer cores share front end, FPU and L2); see docs/topology-json.md.
 */
final class TopologyAssembler {

  private TopologyAssembler() {}

  static Topology assemble(
      List<CpuFacts> facts, List<NumaNode> numaNodes, CpuSet online, CpuSet offline) {
    Map<Integer, CpuFacts> byCpu = new LinkedHashMap<>();
    for (CpuFacts f : facts) {
      byCpu.put(f.id(), f);
    }
    Map<Integer, Integer> numaOf = new HashMap<>();
    for (NumaNode node : numaNodes) {
      node.cpus().forEach(cpu -> numaOf.putIfAbsent(cpu, node.id()));
    }
    Map<Integer, Integer> l3Of = new HashMap<>();
    List<CacheGroup> l3Groups = l3Groups(facts, online, l3Of);
    Map<Integer, CpuSet> coreCpus = coreClasses(facts, online);

    List<Core> cores = new ArrayList<>();
    Map<Integer, Integer> coreOf = new HashMap<>();
    for (CpuSet cpus : new TreeSet<>(coreCpus.values())) {
      CpuFacts first = byCpu.get(cpus.first());
      cores.add(
          new Core(
              cpus.first(),
              first.packageId(),
              first.dieId(),
              numaOf.getOrDefault(cpus.first(), -1),
              first.coreId(),
              cpus,
              l3Of.getOrDefault(cpus.first(), -1)));
      cpus.forEach(cpu -> coreOf.put(cpu, cpus.first()));
    }
    cores.sort((a, b) -> Integer.compare(a.id(), b.id()));

    List<Cpu> cpus = new ArrayList<>(facts.size());
    for (CpuFacts f : byCpu.values()) {
      cpus.add(
          new Cpu(
              f.id(),
              coreOf.get(f.id()),
              f.packageId(),
              f.dieId(),
              f.clusterId(),
              numaOf.getOrDefault(f.id(), -1),
              l3Of.getOrDefault(f.id(), -1)));
    }
    cpus.sort((a, b) -> Integer.compare(a.id(), b.id()));
    return new Topology(sockets(cpus), numaNodes, cores, cpus, l3Groups, online, offline);
  }

  private static List<Socket> sockets(List<Cpu> cpus) {
    Map<Integer, List<Cpu>> byPackage = new TreeMap<>();
    for (Cpu cpu : cpus) {
      byPackage.computeIfAbsent(cpu.socket(), k -> new ArrayList<>()).add(cpu);
    }
    List<Socket> sockets = new ArrayList<>();
    byPackage.forEach(
        (id, members) -> {
          TreeSet<Integer> dies = new TreeSet<>();
          TreeSet<Integer> nodes = new TreeSet<>();
          for (Cpu cpu : members) {
            dies.add(cpu.die());
            if (cpu.numaNode() >= 0) {
              nodes.add(cpu.numaNode());
            }
          }
          sockets.add(
              new Socket(
                  id,
                  CpuSet.of(members.stream().map(Cpu::id).toList()),
                  List.copyOf(dies),
                  List.copyOf(nodes)));
        });
    return sockets;
  }

  /** Union-find over thread siblings, so one-sided or inconsistent sibling lists still group. */
  private static Map<Integer, CpuSet> coreClasses(List<CpuFacts> facts, CpuSet online) {
    Map<Integer, Integer> parent = new HashMap<>();
    for (CpuFacts f : facts) {
      parent.put(f.id(), f.id());
    }
    for (CpuFacts f : facts) {
      f.threadSiblings()
          .intersection(online)
          .forEach(
              sibling -> {
                if (parent.containsKey(sibling)) {
                  union(parent, f.id(), sibling);
                }
              });
    }
    Map<Integer, List<Integer>> classes = new TreeMap<>();
    for (CpuFacts f : facts) {
      classes.computeIfAbsent(find(parent, f.id()), k -> new ArrayList<>()).add(f.id());
    }
    Map<Integer, CpuSet> out = new TreeMap<>();
    classes.forEach((rootCpu, members) -> out.put(rootCpu, CpuSet.of(members)));
    return out;
  }

  private static int find(Map<Integer, Integer> parent, int cpu) {
    int root = cpu;
    while (parent.get(root) != root) {
      root = parent.get(root);
    }
    int walk = cpu;
    while (walk != root) {
      int next = parent.get(walk);
      parent.put(walk, root);
      walk = next;
    }
    return root;
  }

  private static void union(Map<Integer, Integer> parent, int a, int b) {
    int ra = find(parent, a);
    int rb = find(parent, b);
    if (ra != rb) {
      parent.put(Math.max(ra, rb), Math.min(ra, rb));
    }
  }

  /**
   * Distinct L3 CPU sets (restricted to online CPUs). The kernel's cache {@code id} is used when
   * every CPU has one and ids and sets correspond one to one; otherwise (old kernels, or
   * inconsistent ids) groups get a dense index in the order of their lowest CPU.
   */
  private static List<CacheGroup> l3Groups(
      List<CpuFacts> facts, CpuSet online, Map<Integer, Integer> l3Of) {
    Map<CpuSet, Integer> idOfSet = new TreeMap<>();
    Map<Integer, CpuSet> setOfId = new HashMap<>();
    boolean kernelIds = true;
    for (CpuFacts f : facts) {
      if (f.l3Cpus().isEmpty()) {
        continue;
      }
      CpuSet set = f.l3Cpus().intersection(online);
      Integer previous = idOfSet.putIfAbsent(set, f.l3Id());
      if (f.l3Id() < 0 || (previous != null && previous != f.l3Id())) {
        kernelIds = false;
      }
      CpuSet other = setOfId.putIfAbsent(f.l3Id(), set);
      if (other != null && !other.equals(set)) {
        kernelIds = false;
      }
    }
    List<CpuSet> sets = new ArrayList<>(idOfSet.keySet());
    sets.sort((a, b) -> Integer.compare(a.first(), b.first()));
    List<CacheGroup> groups = new ArrayList<>(sets.size());
    for (int i = 0; i < sets.size(); i++) {
      CpuSet set = sets.get(i);
      CacheGroup group = new CacheGroup(3, kernelIds ? idOfSet.get(set) : i, set);
      groups.add(group);
      set.forEach(cpu -> l3Of.putIfAbsent(cpu, group.id()));
    }
    return groups;
  }
}
