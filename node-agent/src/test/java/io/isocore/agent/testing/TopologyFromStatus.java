package io.isocore.agent.testing;

import io.isocore.api.v1alpha1.NodeTopologyStatus;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.topology.CacheGroup;
import io.isocore.core.topology.Core;
import io.isocore.core.topology.Cpu;
import io.isocore.core.topology.HugepagePool;
import io.isocore.core.topology.HugepageSizes;
import io.isocore.core.topology.NumaNode;
import io.isocore.core.topology.Socket;
import io.isocore.core.topology.Topology;
import java.util.List;

/**
 * Rebuilds the {@link Topology} model from a NodeTopology status document, as a consumer of {@code
 * topology --json} would. Tests use it to check the JSON carries the whole topology.
 */
public final class TopologyFromStatus {

  private TopologyFromStatus() {}

  /** Rebuilds the topology. */
  public static Topology toTopology(NodeTopologyStatus s) {
    return new Topology(
        s.sockets().stream()
            .map(x -> new Socket(x.id(), CpuSet.parse(x.cpus()), x.dies(), x.numaNodes()))
            .toList(),
        s.numaNodes().stream()
            .map(
                n ->
                    new NumaNode(
                        n.id(),
                        CpuSet.parse(n.cpus()),
                        n.memoryTotalBytes(),
                        n.memoryFreeBytes(),
                        n.distances(),
                        n.hugepages().stream()
                            .map(
                                h ->
                                    new HugepagePool(
                                        HugepageSizes.parse(h.size()).orElseThrow(),
                                        h.total(),
                                        h.free(),
                                        h.surplus()))
                            .toList()))
            .toList(),
        s.cores().stream()
            .map(
                c ->
                    new Core(
                        c.id(),
                        c.socket(),
                        c.die(),
                        c.numaNode(),
                        c.coreId(),
                        CpuSet.parse(c.cpus()),
                        c.l3Group()))
            .toList(),
        s.cpus().stream()
            .map(
                c ->
                    new Cpu(
                        c.id(),
                        c.core(),
                        c.socket(),
                        c.die(),
                        c.cluster(),
                        c.numaNode(),
                        c.l3Group()))
            .toList(),
        s.l3Groups() == null
            ? List.of()
            : s.l3Groups().stream()
                .map(g -> new CacheGroup(3, g.id(), CpuSet.parse(g.cpus())))
                .toList(),
        CpuSet.parse(s.cpusOnline()),
        CpuSet.parse(s.cpusOffline()));
  }
}
