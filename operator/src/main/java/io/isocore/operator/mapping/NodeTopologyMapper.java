package io.isocore.operator.mapping;

import io.isocore.api.v1alpha1.HugepageInfo;
import io.isocore.api.v1alpha1.NodeTopology;
import io.isocore.api.v1alpha1.NodeTopologyStatus;
import io.isocore.api.v1alpha1.NumaNodeInfo;
import io.isocore.core.cpu.CpuListFormatException;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.topology.CacheGroup;
import io.isocore.core.topology.Core;
import io.isocore.core.topology.Cpu;
import io.isocore.core.topology.HugepagePool;
import io.isocore.core.topology.HugepageSizes;
import io.isocore.core.topology.NumaNode;
import io.isocore.core.topology.Socket;
import io.isocore.core.topology.Topology;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Reads a NodeTopology status (or the agent's {@code topology --json} document, the same JSON) into
 * the core {@link Topology}: the inverse of the agent's status mapper. Lists are sorted by id; an
 * absent list is empty; a missing optional id (die, cluster, L3 group) takes the core model's
 * "none" value.
 */
public final class NodeTopologyMapper {

  private NodeTopologyMapper() {}

  /**
   * Reads a NodeTopology resource.
   *
   * @throws InvalidNodeTopologyException naming the node, field and value
   */
  public static Topology toTopology(NodeTopology nodeTopology) {
    String node =
        nodeTopology.getMetadata() == null ? "<unnamed>" : nodeTopology.getMetadata().getName();
    if (nodeTopology.getStatus() == null) {
      throw new InvalidNodeTopologyException(
          "NodeTopology " + node + " has no status yet: the node agent has not published it");
    }
    return toTopology(node, nodeTopology.getStatus());
  }

  /**
   * Reads a status document.
   *
   * @param node the node name, for messages
   * @throws InvalidNodeTopologyException naming the node, field and value
   */
  public static Topology toTopology(String node, NodeTopologyStatus status) {
    Reader r = new Reader(node);
    List<Socket> sockets =
        r.each(
            status.sockets(),
            "sockets",
            s ->
                new Socket(
                    r.required(s.id(), "sockets[].id"),
                    r.cpus(s.cpus(), "sockets[" + s.id() + "].cpus"),
                    s.dies() == null || s.dies().isEmpty() ? List.of(0) : s.dies(),
                    s.numaNodes() == null ? List.of() : s.numaNodes()));
    List<NumaNode> numaNodes =
        r.each(
            status.numaNodes(),
            "numaNodes",
            n ->
                new NumaNode(
                    r.required(n.id(), "numaNodes[].id"),
                    r.cpus(n.cpus(), "numaNodes[" + n.id() + "].cpus"),
                    n.memoryTotalBytes() == null ? 0 : n.memoryTotalBytes(),
                    n.memoryFreeBytes() == null ? 0 : n.memoryFreeBytes(),
                    n.distances() == null ? List.of() : n.distances(),
                    hugepages(r, n)));
    List<Core> cores =
        r.each(
            status.cores(),
            "cores",
            c -> {
              String field = "cores[" + c.id() + "]";
              return new Core(
                  r.required(c.id(), "cores[].id"),
                  orElse(c.socket(), 0),
                  orElse(c.die(), 0),
                  r.required(c.numaNode(), field + ".numaNode"),
                  orElse(c.coreId(), c.id()),
                  r.nonEmpty(c.cpus(), field + ".cpus"),
                  orElse(c.l3Group(), -1));
            });
    List<Cpu> cpus =
        r.each(
            status.cpus(),
            "cpus",
            c ->
                new Cpu(
                    r.required(c.id(), "cpus[].id"),
                    r.required(c.core(), "cpus[" + c.id() + "].core"),
                    orElse(c.socket(), 0),
                    orElse(c.die(), 0),
                    orElse(c.cluster(), -1),
                    r.required(c.numaNode(), "cpus[" + c.id() + "].numaNode"),
                    orElse(c.l3Group(), -1)));
    List<CacheGroup> l3 =
        r.each(
            status.l3Groups(),
            "l3Groups",
            g ->
                new CacheGroup(
                    3,
                    r.required(g.id(), "l3Groups[].id"),
                    r.cpus(g.cpus(), "l3Groups[" + g.id() + "].cpus")));
    CpuSet online = r.cpus(status.cpusOnline(), "cpusOnline");
    if (online.isEmpty()) {
      online = CpuSet.of(cpus.stream().map(Cpu::id).toList());
    }
    if (cores.isEmpty()) {
      throw new InvalidNodeTopologyException(
          "NodeTopology " + node + ": status.cores is empty; the agent found no CPUs");
    }
    return new Topology(
        sorted(sockets, Socket::id),
        sorted(numaNodes, NumaNode::id),
        sorted(cores, Core::id),
        sorted(cpus, Cpu::id),
        sorted(l3, CacheGroup::id),
        online,
        r.cpus(status.cpusOffline(), "cpusOffline"));
  }

  private static List<HugepagePool> hugepages(Reader r, NumaNodeInfo n) {
    List<HugepagePool> pools = new ArrayList<>();
    if (n.hugepages() != null) {
      for (HugepageInfo h : n.hugepages()) {
        long size =
            HugepageSizes.parse(h.size())
                .orElseThrow(
                    () ->
                        r.error(
                            "numaNodes[" + n.id() + "].hugepages[].size",
                            h.size(),
                            "a size such as 2Mi or 1Gi"));
        pools.add(
            new HugepagePool(
                size, orElse(h.total(), 0L), orElse(h.free(), 0L), orElse(h.surplus(), 0L)));
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

  /** Field readers that name the node and field on failure. */
  private record Reader(String node) {

    <A, T> List<T> each(List<A> items, String field, Function<A, T> map) {
      List<T> result = new ArrayList<>();
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

    int required(Integer value, String field) {
      if (value == null) {
        throw error(field, null, "a number");
      }
      return value;
    }

    CpuSet cpus(String list, String field) {
      if (list == null) {
        return CpuSet.empty();
      }
      try {
        return CpuSet.parse(list);
      } catch (CpuListFormatException e) {
        throw new InvalidNodeTopologyException(
            "NodeTopology " + node + ": status." + field + ": " + e.getMessage());
      }
    }

    CpuSet nonEmpty(String list, String field) {
      CpuSet cpus = cpus(list, field);
      if (cpus.isEmpty()) {
        throw error(field, list, "a non-empty CPU list");
      }
      return cpus;
    }

    InvalidNodeTopologyException error(String field, String value, String expected) {
      return new InvalidNodeTopologyException(
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
}
