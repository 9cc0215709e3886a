package io.isocore.core.testing;

import io.isocore.core.alloc.NodeInventory;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.topology.CacheGroup;
import io.isocore.core.topology.Core;
import io.isocore.core.topology.Cpu;
import io.isocore.core.topology.HugepagePool;
import io.isocore.core.topology.NumaNode;
import io.isocore.core.topology.Socket;
import io.isocore.core.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Named topologies for allocation tests. The first three mirror the kubelet static CPU manager
 * policy's test topologies (pkg/kubelet/cm/cpumanager/topology_test fixtures: topoSingleSocketHT,
 * topoDualSocketHT, topoDualSocketMultiNumaPerSocketHT), with their CPU numbering.
 */
public final class TopologyFixtures {

  /** 2 MiB, the x86 small hugepage size. */
  public static final long SIZE_2MI = 2L << 20;

  /** 1 GiB, the x86 large hugepage size. */
  public static final long SIZE_1GI = 1L << 30;

  private TopologyFixtures() {}

  /** A topology with a name for parameterized test output. */
  public record Fixture(String name, Topology topology) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** Every named fixture. */
  public static List<Fixture> all() {
    return List.of(
        new Fixture("singleSocketSmt2", singleSocketSmt2()),
        new Fixture("dualSocketSmt2", dualSocketSmt2()),
        new Fixture("dualSocketMultiNumaSmt2", dualSocketMultiNumaSmt2()),
        new Fixture("quadNumaSmt2", quadNumaSmt2()),
        new Fixture("offlineCpus", offlineCpus()),
        new Fixture("multiL3", multiL3()),
        new Fixture("noSmtTwoNuma", noSmtTwoNuma()),
        new Fixture("hybrid", hybrid()),
        new Fixture("singleSocketSmt4", singleSocketSmt4()),
        new Fixture("unknownNuma", unknownNuma()));
  }

  /** kubelet topoSingleSocketHT: 1 socket, 4 cores, SMT2; siblings (0,4) (1,5) (2,6) (3,7). */
  public static Topology singleSocketSmt2() {
    Builder b = builder();
    for (int c = 0; c < 4; c++) {
      b.core(0, 0, 0, c, c + 4);
    }
    return b.hugepages(0, SIZE_2MI, 512).hugepages(0, SIZE_1GI, 4).build();
  }

  /**
   * kubelet topoDualSocketHT: 2 sockets, 3 cores each, SMT2, sockets interleaved: socket 0 holds
   * CPUs 0,2,4,6,8,10 (siblings 0/6, 2/8, 4/10); socket 1 holds 1,3,5,7,9,11. One NUMA node per
   * socket.
   */
  public static Topology dualSocketSmt2() {
    Builder b = builder();
    for (int c = 0; c < 6; c++) {
      int socket = c % 2;
      b.core(socket, socket, socket, c, c + 6);
    }
    return b.hugepages(0, SIZE_1GI, 4).hugepages(1, SIZE_1GI, 4).build();
  }

  /**
   * kubelet topoDualSocketMultiNumaPerSocketHT: 2 sockets, 2 NUMA nodes per socket, 10 cores per
   * NUMA node, SMT2: NUMA node n holds CPUs 10n..10n+9 and their siblings +40.
   */
  public static Topology dualSocketMultiNumaSmt2() {
    Builder b = builder();
    for (int c = 0; c < 40; c++) {
      int numa = c / 10;
      b.core(numa / 2, numa, numa, c, c + 40);
    }
    for (int n = 0; n < 4; n++) {
      b.hugepages(n, SIZE_1GI, 8);
    }
    return b.build();
  }

  /**
   * The benchmark node: 2 sockets x 2 NUMA nodes x 16 cores (32 cores per socket) x SMT2 = 128
   * CPUs; NUMA node n holds CPUs 16n..16n+15 and siblings +64; two L3 groups of 8 cores per NUMA.
   */
  public static Topology quadNumaSmt2() {
    Builder b = builder();
    for (int c = 0; c < 64; c++) {
      int numa = c / 16;
      b.core(numa / 2, numa, c / 8, c, c + 64);
    }
    for (int n = 0; n < 4; n++) {
      b.hugepages(n, SIZE_2MI, 4096).hugepages(n, SIZE_1GI, 16);
    }
    return b.build();
  }

  /**
   * 1 socket, 8 cores, SMT2 (siblings c, c+8), with CPU 10 (the sibling of core 2) and the whole of
   * core 5 (CPUs 5, 13) offline.
   */
  public static Topology offlineCpus() {
    Builder b = builder();
    for (int c = 0; c < 8; c++) {
      if (c == 2) {
        b.core(0, 0, 0, 2);
      } else if (c != 5) {
        b.core(0, 0, 0, c, c + 8);
      }
    }
    return b.offline(5, 10, 13).build();
  }

  /** 1 socket, 1 NUMA node, 16 cores in 4 L3 groups (CCX) of 4, SMT2 with adjacent siblings. */
  public static Topology multiL3() {
    Builder b = builder();
    for (int c = 0; c < 16; c++) {
      b.core(0, 0, c / 4, 2 * c, 2 * c + 1);
    }
    return b.build();
  }

  /** 1 socket, 2 NUMA nodes of 8 cores, no SMT. */
  public static Topology noSmtTwoNuma() {
    Builder b = builder();
    for (int c = 0; c < 16; c++) {
      b.core(0, c / 8, c / 8, c);
    }
    return b.build();
  }

  /**
   * A hybrid client chip: 4 P-cores with SMT2 (0-7, adjacent) and 4 single-thread E-cores (8-11).
   */
  public static Topology hybrid() {
    Builder b = builder();
    for (int c = 0; c < 4; c++) {
      b.core(0, 0, 0, 2 * c, 2 * c + 1);
    }
    for (int c = 8; c < 12; c++) {
      b.core(0, 0, 0, c);
    }
    return b.build();
  }

  /** 1 socket, 4 cores with 4 threads each (POWER-style SMT4): siblings c, c+4, c+8, c+12. */
  public static Topology singleSocketSmt4() {
    Builder b = builder();
    for (int c = 0; c < 4; c++) {
      b.core(0, 0, 0, c, c + 4, c + 8, c + 12);
    }
    return b.build();
  }

  /**
   * 8 cores without SMT: 0-3 on NUMA node 0, 4-7 on a NUMA node the kernel does not report (-1, as
   * the agent publishes CPUs of an offline node: see shared/topologies/offline-cpu0-node0).
   */
  public static Topology unknownNuma() {
    Builder b = builder();
    for (int c = 0; c < 8; c++) {
      b.core(0, c < 4 ? 0 : -1, 0, c);
    }
    return b.build();
  }

  /** Returns an inventory where CPUs {@code reserved} are housekeeping and all others isolated. */
  public static NodeInventory inventory(String nodeName, Topology topology, String reserved) {
    CpuSet reservedSet = CpuSet.parse(reserved);
    return NodeInventory.of(nodeName, topology, reservedSet, topology.online().minus(reservedSet));
  }

  /** Returns a topology builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a topology from its cores. */
  public static final class Builder {
    private record CoreSpec(int socket, int numa, int l3, int[] cpus) {}

    private final List<CoreSpec> cores = new ArrayList<>();
    private final TreeSet<Integer> offline = new TreeSet<>();
    private final Map<Integer, List<HugepagePool>> hugepages = new TreeMap<>();

    /** Adds a core: its socket, NUMA node, L3 group and online CPUs. */
    public Builder core(int socket, int numa, int l3, int... cpus) {
      cores.add(new CoreSpec(socket, numa, l3, cpus));
      return this;
    }

    /** Marks CPUs as present but offline. */
    public Builder offline(int... cpus) {
      for (int cpu : cpus) {
        offline.add(cpu);
      }
      return this;
    }

    /** Adds a free hugepage pool to a NUMA node. */
    public Builder hugepages(int numa, long size, long pages) {
      hugepages
          .computeIfAbsent(numa, n -> new ArrayList<>())
          .add(new HugepagePool(size, pages, pages, 0));
      return this;
    }

    /** Builds the topology. */
    public Topology build() {
      List<Core> coreList = new ArrayList<>();
      List<Cpu> cpuList = new ArrayList<>();
      Map<Integer, List<Integer>> socketCpus = new TreeMap<>();
      Map<Integer, TreeSet<Integer>> socketNumas = new TreeMap<>();
      Map<Integer, List<Integer>> numaCpus = new TreeMap<>();
      Map<Integer, List<Integer>> l3Cpus = new TreeMap<>();
      for (CoreSpec spec : cores) {
        CpuSet cpus = CpuSet.of(spec.cpus());
        int id = cpus.first();
        coreList.add(new Core(id, spec.socket(), 0, spec.numa(), coreList.size(), cpus, spec.l3()));
        for (int cpu : spec.cpus()) {
          cpuList.add(new Cpu(cpu, id, spec.socket(), 0, -1, spec.numa(), spec.l3()));
          socketCpus.computeIfAbsent(spec.socket(), s -> new ArrayList<>()).add(cpu);
          numaCpus.computeIfAbsent(spec.numa(), s -> new ArrayList<>()).add(cpu);
          l3Cpus.computeIfAbsent(spec.l3(), s -> new ArrayList<>()).add(cpu);
        }
        socketNumas.computeIfAbsent(spec.socket(), s -> new TreeSet<>()).add(spec.numa());
      }
      hugepages.keySet().forEach(n -> numaCpus.computeIfAbsent(n, k -> new ArrayList<>()));
      coreList.sort((a, b) -> Integer.compare(a.id(), b.id()));
      cpuList.sort((a, b) -> Integer.compare(a.id(), b.id()));
      List<Socket> sockets = new ArrayList<>();
      socketCpus.forEach(
          (s, cpus) ->
              sockets.add(
                  new Socket(s, CpuSet.of(cpus), List.of(0), List.copyOf(socketNumas.get(s)))));
      List<NumaNode> numas = new ArrayList<>();
      numaCpus.forEach(
          (n, cpus) ->
              numas.add(
                  new NumaNode(
                      n,
                      CpuSet.of(cpus),
                      64L << 30,
                      32L << 30,
                      List.of(),
                      hugepages.getOrDefault(n, List.of()))));
      List<CacheGroup> l3 = new ArrayList<>();
      l3Cpus.forEach((id, cpus) -> l3.add(new CacheGroup(3, id, CpuSet.of(cpus))));
      CpuSet online = CpuSet.of(cpuList.stream().map(Cpu::id).toList());
      return new Topology(
          sockets, numas, coreList, cpuList, l3, online, CpuSet.of(List.copyOf(offline)));
    }
  }
}
