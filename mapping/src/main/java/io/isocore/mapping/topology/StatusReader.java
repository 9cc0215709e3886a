package io.isocore.mapping.topology;

import io.isocore.api.v1alpha1.HugepageInfo;
import io.isocore.api.v1alpha1.NodeTopologyStatus;
import io.isocore.api.v1alpha1.NumaNodeInfo;
import io.isocore.core.cpu.CpuListFormatException;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.topology.CacheGroup;
import io.isocore.core.topology.Core;
import io.isocore.core.topology.Cpu;
import io.isocore.core.topology.HugepagePool;
import io.isocore.core.topology.HugepageSize;
import io.isocore.core.topology.NumaNode;
import io.isocore.core.topology.Socket;
import io.isocore.core.topology.Topology;
import io.isocore.mapping.InvalidResourceException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/** Reads one NodeTopology status into core's {@link Topology}, naming node and field on failure. */
final class StatusReader {
  /** No list in a status has more entries than a node can have CPUs. */
  static final int MAX_ITEMS = CpuSet.MAX_CPU_ID + 1;

  private final String node;

  StatusReader(String node) {
    this.node = node;
  }

  Topology topology(NodeTopologyStatus status) {
    List<Socket> sockets = sockets(status);
    List<NumaNode> numaNodes = numaNodes(status);
    List<Core> cores = cores(status);
    List<Cpu> cpus = cpus(status);
    List<CacheGroup> l3 = l3Groups(status);
    CpuSet online = cpus(status.cpusOnline(), "cpusOnline");
    if (online.isEmpty()) {
      online = CpuSet.of(cpus.stream().map(Cpu::id).toList());
    }
    if (cores.isEmpty()) {
      throw new InvalidResourceException(
          "NodeTopology " + node + ": status.cores is empty; the agent found no CPUs");
    }
    return new Topology(
        sorted(sockets, Socket::id),
        sorted(numaNodes, NumaNode::id),
        sorted(cores, Core::id),
        sorted(cpus, Cpu::id),
        sorted(l3, CacheGroup::id),
        online,
        cpus(status.cpusOffline(), "cpusOffline"));
  }

  private List<Socket> sockets(NodeTopologyStatus status) {
    return each(
        status.sockets(),
        "sockets",
        s ->
            new Socket(
                label(s.id(), "sockets[].id"),
                cpus(s.cpus(), "sockets[" + s.id() + "].cpus"),
                s.dies() == null || s.dies().isEmpty() ? List.of(0) : s.dies(),
                s.numaNodes() == null ? List.of() : s.numaNodes()));
  }

  private List<NumaNode> numaNodes(NodeTopologyStatus status) {
    return each(
        status.numaNodes(),
        "numaNodes",
        n ->
            new NumaNode(
                numa(n.id(), "numaNodes[].id"),
                cpus(n.cpus(), "numaNodes[" + n.id() + "].cpus"),
                memory(n.memoryTotalBytes(), "numaNodes[" + n.id() + "].memoryTotalBytes"),
                memory(n.memoryFreeBytes(), "numaNodes[" + n.id() + "].memoryFreeBytes"),
                n.distances() == null ? List.of() : n.distances(),
                hugepages(n)));
  }

  private List<Core> cores(NodeTopologyStatus status) {
    return each(
        status.cores(),
        "cores",
        c -> {
          String field = "cores[" + c.id() + "]";
          return new Core(
              id(c.id(), "cores[].id"),
              orElse(c.socket(), 0),
              orElse(c.die(), 0),
              numa(c.numaNode(), field + ".numaNode"),
              orElse(c.coreId(), c.id()),
              nonEmpty(c.cpus(), field + ".cpus"),
              orElse(c.l3Group(), -1));
        });
  }

  private List<Cpu> cpus(NodeTopologyStatus status) {
    return each(
        status.cpus(),
        "cpus",
        c ->
            new Cpu(
                id(c.id(), "cpus[].id"),
                id(c.core(), "cpus[" + c.id() + "].core"),
                orElse(c.socket(), 0),
                orElse(c.die(), 0),
                orElse(c.cluster(), -1),
                numa(c.numaNode(), "cpus[" + c.id() + "].numaNode"),
                orElse(c.l3Group(), -1)));
  }

  private List<CacheGroup> l3Groups(NodeTopologyStatus status) {
    return each(
        status.l3Groups(),
        "l3Groups",
        g ->
            new CacheGroup(
                3, id(g.id(), "l3Groups[].id"), cpus(g.cpus(), "l3Groups[" + g.id() + "].cpus")));
  }

  private List<HugepagePool> hugepages(NumaNodeInfo n) {
    List<HugepagePool> pools = new ArrayList<>();
    if (n.hugepages() != null) {
      for (HugepageInfo h : n.hugepages()) {
        HugepageSize size =
            HugepageSize.parse(h.size())
                .orElseThrow(
                    () ->
                        error(
                            "numaNodes[" + n.id() + "].hugepages[].size",
                            h.size(),
                            "a size such as 2Mi or 1Gi"));
        pools.add(
            new HugepagePool(
                size.bytes(),
                orElse(h.total(), 0L),
                orElse(h.free(), 0L),
                orElse(h.surplus(), 0L)));
      }
    }
    pools.sort(Comparator.comparingLong(HugepagePool::pageSizeBytes));
    return pools;
  }

  private static <T> T orElse(T value, T fallback) {
    return value == null ? fallback : value;
  }

  private static <T> List<T> sorted(List<T> list, Function<T, Integer> id) {
    List<T> copy = new ArrayList<>(list);
    copy.sort(Comparator.comparing(id));
    return copy;
  }

  private <A, T> List<T> each(List<A> items, String field, Function<A, T> map) {
    List<T> result = new ArrayList<>();
    if (items != null && items.size() > MAX_ITEMS) {
      throw error(
          field, items.size() + " items", "at most " + MAX_ITEMS + " (one per possible CPU)");
    }
    if (items != null) {
      for (A item : items) {
        if (item == null) {
          throw error(field + "[]", null, "an object");
        }
        result.add(map.apply(item));
      }
    }
    return result;
  }

  /**
   * A NUMA node, core, CPU or cache-group id: at most {@link CpuSet#MAX_CPU_ID}, since a node has
   * no more of any of them than CPUs. The schema may allow more; the code does not trust it,
   * because ids size tables further on.
   */
  private int id(Integer value, String field) {
    return bounded(value, field, 0);
  }

  /**
   * A socket id: the kernel's {@code physical_package_id}, which firmware numbers freely (8442 on a
   * real ARM server of the corpus). It names a socket and sizes nothing, so any non-negative value
   * is taken.
   */
  private int label(Integer value, String field) {
    int id = required(value, field);
    if (id < 0) {
      throw error(field, Integer.toString(id), "a non-negative id");
    }
    return id;
  }

  /** The most memory one NUMA node is taken to have: 1 PiB, far above any machine built. */
  static final long MAX_NUMA_MEMORY = 1L << 50;

  /**
   * A NUMA node's memory in bytes: absent reads as 0 (unknown, not checked); negative or above
   * {@link #MAX_NUMA_MEMORY} makes the status unreadable, since placement counts on it.
   */
  private long memory(Long value, String field) {
    if (value == null) {
      return 0;
    }
    if (value < 0 || value > MAX_NUMA_MEMORY) {
      throw error(
          field, Long.toString(value), "a byte count from 0 to " + MAX_NUMA_MEMORY + " (1Pi)");
    }
    return value;
  }

  /** A NUMA node id: as {@link #id}, and -1 for a machine the kernel reports without NUMA. */
  private int numa(Integer value, String field) {
    return bounded(value, field, -1);
  }

  private int bounded(Integer value, String field, int min) {
    int id = required(value, field);
    if (id < min || id > CpuSet.MAX_CPU_ID) {
      throw error(field, Integer.toString(id), "an id from " + min + " to " + CpuSet.MAX_CPU_ID);
    }
    return id;
  }

  private int required(Integer value, String field) {
    if (value == null) {
      throw error(field, null, "a number");
    }
    return value;
  }

  private CpuSet cpus(String list, String field) {
    if (list == null) {
      return CpuSet.empty();
    }
    try {
      return CpuSet.parse(list);
    } catch (CpuListFormatException e) {
      throw new InvalidResourceException(
          "NodeTopology " + node + ": status." + field + ": " + e.getMessage());
    }
  }

  private CpuSet nonEmpty(String list, String field) {
    CpuSet cpus = cpus(list, field);
    if (cpus.isEmpty()) {
      throw error(field, list, "a non-empty CPU list");
    }
    return cpus;
  }

  private InvalidResourceException error(String field, String value, String expected) {
    return new InvalidResourceException(
        "NodeTopology "
            + node
            + ": status."
            + field
            + " is "
            + (value == null ? "missing" : "'" + value + "'")
            + "; expected "
            + expected);
  }
}
