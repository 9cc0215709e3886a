package io.isocore.mapping.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isocore.api.v1alpha1.CoreInfo;
import io.isocore.api.v1alpha1.HugepageInfo;
import io.isocore.api.v1alpha1.NodeTopology;
import io.isocore.api.v1alpha1.NodeTopologyStatus;
import io.isocore.api.v1alpha1.NumaNodeInfo;
import io.isocore.api.v1alpha1.SocketInfo;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.topology.Socket;
import io.isocore.core.topology.Topology;
import io.isocore.mapping.InvalidResourceException;
import io.isocore.mapping.testing.StatusFixtures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusReaderTest {

  @Test
  void readsEveryLevelOfTheBenchmarkNode() {
    Topology topology =
        NodeTopologies.toTopology(StatusFixtures.resource("n1", StatusFixtures.quadNuma("")));
    assertThat(topology.sockets()).hasSize(2);
    assertThat(topology.numaNodes()).hasSize(4);
    assertThat(topology.cores()).hasSize(64);
    assertThat(topology.cpus()).hasSize(128);
    assertThat(topology.l3Groups()).hasSize(8);
    assertThat(topology.threadsPerCore()).isEqualTo(2);
    assertThat(topology.online()).isEqualTo(CpuSet.range(0, 127));
    assertThat(topology.cores().get(17).cpus()).isEqualTo(CpuSet.of(17, 81));
    assertThat(topology.cores().get(17).numaNode()).isEqualTo(1);
    assertThat(topology.cores().get(17).l3Group()).isEqualTo(2);
    assertThat(topology.numaNode(3).orElseThrow().hugepages(1L << 30).orElseThrow().total())
        .isEqualTo(16);
    assertThat(topology.numaNode(3).orElseThrow().cpus()).isEqualTo(CpuSet.parse("48-63,112-127"));
  }

  @Test
  void missingStatusIsNamed() {
    NodeTopology resource = StatusFixtures.resource("n9", null);
    assertThatThrownBy(() -> NodeTopologies.toTopology(resource))
        .isInstanceOf(InvalidResourceException.class)
        .hasMessage("NodeTopology n9 has no status yet: the node agent has not published it");
  }

  @Test
  void badFieldsAreNamedWithTheirValue() {
    NodeTopologyStatus good = StatusFixtures.quadNuma("");
    List<CoreInfo> cores = new ArrayList<>(good.cores());
    cores.set(3, new CoreInfo(3, 0, 0, null, 3, "3,67", 0));
    assertThatThrownBy(() -> NodeTopologies.toTopology("n1", withCores(good, cores)))
        .hasMessage("NodeTopology n1: status.cores[3].numaNode is missing; expected a number");

    cores.set(3, new CoreInfo(3, 0, 0, 0, 3, "3-x", 0));
    assertThatThrownBy(() -> NodeTopologies.toTopology("n1", withCores(good, cores)))
        .hasMessageStartingWith("NodeTopology n1: status.cores[3].cpus: ");

    cores.set(3, new CoreInfo(3, 0, 0, 0, 3, "", 0));
    assertThatThrownBy(() -> NodeTopologies.toTopology("n1", withCores(good, cores)))
        .hasMessage("NodeTopology n1: status.cores[3].cpus is ''; expected a non-empty CPU list");

    List<NumaNodeInfo> numas = new ArrayList<>(good.numaNodes());
    NumaNodeInfo n0 = numas.get(0);
    numas.set(
        0,
        new NumaNodeInfo(
            0, n0.cpus(), 0L, 0L, List.of(), List.of(new HugepageInfo("2M", 1L, 1L, 0L))));
    NodeTopologyStatus badHugepages =
        new NodeTopologyStatus(
            good.sockets(),
            numas,
            good.cores(),
            good.cpus(),
            good.l3Groups(),
            good.cpusOnline(),
            good.cpusOffline(),
            good.isolation(),
            good.nics(),
            null,
            null,
            null,
            null,
            null);
    assertThatThrownBy(() -> NodeTopologies.toTopology("n1", badHugepages))
        .hasMessage(
            "NodeTopology n1: status.numaNodes[0].hugepages[].size is '2M'; expected a size such"
                + " as 2Mi or 1Gi");
  }

  @Test
  void socketIdsAreFirmwareLabelsNotIndexes() {
    // physical_package_id 8442: a real ARM server of ../shared/topologies
    // (128arm-2pa2n8cluster4co).
    NodeTopologyStatus good = StatusFixtures.quadNuma("");
    List<SocketInfo> sockets = new ArrayList<>(good.sockets());
    SocketInfo s0 = sockets.get(0);
    sockets.set(0, new SocketInfo(8442, s0.cpus(), s0.dies(), s0.numaNodes()));
    NodeTopologyStatus arm =
        new NodeTopologyStatus(
            sockets,
            good.numaNodes(),
            good.cores(),
            good.cpus(),
            good.l3Groups(),
            good.cpusOnline(),
            good.cpusOffline(),
            good.isolation(),
            good.nics(),
            null,
            null,
            null,
            null,
            null);
    assertThat(NodeTopologies.toTopology("n1", arm).sockets())
        .extracting(Socket::id)
        .contains(8442);
    sockets.set(0, new SocketInfo(-1, s0.cpus(), s0.dies(), s0.numaNodes()));
    assertThatThrownBy(() -> NodeTopologies.toTopology("n1", arm))
        .hasMessageContaining("status.sockets[].id is '-1'");
  }

  @Test
  void idsBeyondTheKernelMaximumAreNamedAndCostNothing() {
    NodeTopologyStatus good = StatusFixtures.quadNuma("");
    List<CoreInfo> cores = new ArrayList<>(good.cores());
    for (int id : new int[] {Integer.MAX_VALUE, 300_000_000, CpuSet.MAX_CPU_ID + 1, -1}) {
      cores.set(3, new CoreInfo(id, 0, 0, 0, 3, "3,67", 0));
      long start = System.nanoTime();
      assertThatThrownBy(() -> NodeTopologies.toTopology("n1", withCores(good, cores)))
          .isInstanceOf(InvalidResourceException.class)
          .hasMessage(
              "NodeTopology n1: status.cores[].id is '"
                  + id
                  + "'; expected an id from 0 to "
                  + CpuSet.MAX_CPU_ID);
      assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
    }
    cores.set(3, new CoreInfo(3, 0, 0, 70_000, 3, "3,67", 0));
    assertThatThrownBy(() -> NodeTopologies.toTopology("n1", withCores(good, cores)))
        .hasMessage(
            "NodeTopology n1: status.cores[3].numaNode is '70000'; expected an id from -1 to "
                + CpuSet.MAX_CPU_ID);
  }

  @Test
  void aStatusWithoutCoresIsRejected() {
    NodeTopologyStatus good = StatusFixtures.quadNuma("");
    assertThatThrownBy(() -> NodeTopologies.toTopology("n1", withCores(good, List.of())))
        .hasMessage("NodeTopology n1: status.cores is empty; the agent found no CPUs");
  }

  @Test
  void negativeOrAbsurdNumaMemoryIsNamedAndAbsentMemoryIsUnknown() {
    NodeTopologyStatus good = StatusFixtures.quadNuma("");
    for (long bad : new long[] {-1L, (1L << 50) + 1}) {
      assertThatThrownBy(() -> NodeTopologies.toTopology("n1", withMemory(good, 1, bad)))
          .isInstanceOf(InvalidResourceException.class)
          .hasMessage(
              "NodeTopology n1: status.numaNodes[1].memoryTotalBytes is '"
                  + bad
                  + "'; expected a byte count from 0 to 1125899906842624 (1Pi)");
    }
    Topology unknown = NodeTopologies.toTopology("n1", withMemory(good, 1, null));
    assertThat(unknown.numaNode(1).orElseThrow().memoryTotalBytes()).isZero();
    assertThat(unknown.numaNode(0).orElseThrow().memoryTotalBytes()).isEqualTo(64L << 30);
  }

  private static NodeTopologyStatus withMemory(NodeTopologyStatus s, int numa, Long total) {
    List<NumaNodeInfo> numas = new ArrayList<>(s.numaNodes());
    NumaNodeInfo n = numas.get(numa);
    numas.set(
        numa,
        new NumaNodeInfo(
            n.id(), n.cpus(), total, n.memoryFreeBytes(), n.distances(), n.hugepages()));
    return new NodeTopologyStatus(
        s.sockets(),
        numas,
        s.cores(),
        s.cpus(),
        s.l3Groups(),
        s.cpusOnline(),
        s.cpusOffline(),
        s.isolation(),
        s.nics(),
        s.cgroup(),
        s.environment(),
        s.cpuHealth(),
        s.lastRefreshTime(),
        s.conditions());
  }

  private static NodeTopologyStatus withCores(NodeTopologyStatus s, List<CoreInfo> cores) {
    return new NodeTopologyStatus(
        s.sockets(),
        s.numaNodes(),
        cores,
        s.cpus(),
        s.l3Groups(),
        s.cpusOnline(),
        s.cpusOffline(),
        s.isolation(),
        s.nics(),
        s.cgroup(),
        s.environment(),
        s.cpuHealth(),
        s.lastRefreshTime(),
        s.conditions());
  }
}
