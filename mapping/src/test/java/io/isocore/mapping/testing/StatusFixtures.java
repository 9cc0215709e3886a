package io.isocore.mapping.testing;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.isocore.api.v1alpha1.CacheGroupInfo;
import io.isocore.api.v1alpha1.CoreInfo;
import io.isocore.api.v1alpha1.CpuHealth;
import io.isocore.api.v1alpha1.CpuInfo;
import io.isocore.api.v1alpha1.HugepageInfo;
import io.isocore.api.v1alpha1.KernelIsolation;
import io.isocore.api.v1alpha1.NicInfo;
import io.isocore.api.v1alpha1.NodeTopology;
import io.isocore.api.v1alpha1.NodeTopologySpec;
import io.isocore.api.v1alpha1.NodeTopologyStatus;
import io.isocore.api.v1alpha1.NumaNodeInfo;
import io.isocore.api.v1alpha1.SocketInfo;
import io.isocore.core.cpu.CpuSet;
import java.util.ArrayList;
import java.util.List;

/**
 * NodeTopology statuses as the agent publishes them, for the status reader and plan tests: the
 * benchmark node (2 sockets x 2 NUMA nodes x 16 cores x SMT2 = 128 CPUs; NUMA node n holds CPUs
 * 16n..16n+15 and siblings +64; L3 groups of 8 cores; 4096 x 2Mi and 16 x 1Gi hugepages per NUMA
 * node; NIC ens1f0 on NUMA node 2).
 */
public final class StatusFixtures {

  private StatusFixtures() {}

  /** The benchmark node with the kernel isolating {@code isolated} (Linux list, may be ""). */
  public static NodeTopologyStatus quadNuma(String isolated) {
    return quadNuma(isolated, List.of());
  }

  /** As {@link #quadNuma(String)}, with per-CPU health. */
  public static NodeTopologyStatus quadNuma(String isolated, List<CpuHealth> health) {
    List<SocketInfo> sockets = new ArrayList<>();
    List<NumaNodeInfo> numas = new ArrayList<>();
    List<CoreInfo> cores = new ArrayList<>();
    List<CpuInfo> cpus = new ArrayList<>();
    List<CacheGroupInfo> l3 = new ArrayList<>();
    for (int s = 0; s < 2; s++) {
      sockets.add(
          new SocketInfo(
              s,
              CpuSet.range(32 * s, 32 * s + 31)
                  .union(CpuSet.range(64 + 32 * s, 95 + 32 * s))
                  .toListString(),
              List.of(0),
              List.of(2 * s, 2 * s + 1)));
    }
    for (int n = 0; n < 4; n++) {
      numas.add(
          new NumaNodeInfo(
              n,
              CpuSet.range(16 * n, 16 * n + 15)
                  .union(CpuSet.range(64 + 16 * n, 79 + 16 * n))
                  .toListString(),
              64L << 30,
              32L << 30,
              List.of(10, 12, 20, 22),
              List.of(
                  new HugepageInfo("2Mi", 4096L, 4096L, 0L),
                  new HugepageInfo("1Gi", 16L, 16L, 0L))));
    }
    for (int g = 0; g < 8; g++) {
      l3.add(
          new CacheGroupInfo(
              g,
              CpuSet.range(8 * g, 8 * g + 7)
                  .union(CpuSet.range(64 + 8 * g, 71 + 8 * g))
                  .toListString()));
    }
    for (int c = 0; c < 64; c++) {
      int numa = c / 16;
      cores.add(new CoreInfo(c, numa / 2, 0, numa, c % 32, c + "," + (c + 64), c / 8));
      cpus.add(new CpuInfo(c, c, numa / 2, 0, -1, numa, c / 8));
      cpus.add(new CpuInfo(c + 64, c, numa / 2, 0, -1, numa, c / 8));
    }
    cpus.sort((a, b) -> Integer.compare(a.id(), b.id()));
    return new NodeTopologyStatus(
        sockets,
        numas,
        cores,
        cpus,
        l3,
        "0-127",
        "",
        new KernelIsolation(isolated, List.of(), isolated, isolated, null, null, List.of()),
        List.of(new NicInfo("ens1f0", "0000:3b:00.0", 2, List.of(100, 101))),
        null,
        null,
        health,
        "2026-11-24T06:00:00Z",
        List.of());
  }

  /** A NodeTopology resource named {@code node} with {@code status}. */
  public static NodeTopology resource(String node, NodeTopologyStatus status) {
    NodeTopology resource = new NodeTopology();
    resource.setMetadata(new ObjectMetaBuilder().withName(node).build());
    resource.setSpec(new NodeTopologySpec(node));
    resource.setStatus(status);
    return resource;
  }
}
