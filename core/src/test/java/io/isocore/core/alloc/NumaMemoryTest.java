package io.isocore.core.alloc;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.core.pod.ContainerRequest;
import io.isocore.core.pod.PodKey;
import io.isocore.core.pod.PodRequest;
import io.isocore.core.testing.TopologyFixtures;
import io.isocore.core.topology.NumaNode;
import io.isocore.core.topology.Topology;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Memory per NUMA node: a pod with exclusive CPUs has its memory pinned to their NUMA node
 * (cpuset.mems), so its memory request counts against that node's ordinary memory. The quadNumaSmt2
 * fixture has 64Gi per NUMA node with 8Gi of 2Mi and 16Gi of 1Gi hugepages: 40Gi ordinary.
 */
class NumaMemoryTest {

  private static final long GI = 1L << 30;

  private static AllocationState quad() {
    AllocationState state = new AllocationState();
    state.putNode(TopologyFixtures.inventory("n1", TopologyFixtures.quadNumaSmt2(), "0,64"));
    return state;
  }

  private static PodRequest pod(String name, int cpus, long memory) {
    return PodRequest.of(
            PodKey.of("ns", name), "uid-" + name, ContainerRequest.exclusive("app", cpus))
        .withMemory(memory);
  }

  private static PodAllocation placed(PlacementDecision decision) {
    assertThat(decision).as(decision.message()).isInstanceOf(PlacementDecision.Placed.class);
    return ((PlacementDecision.Placed) decision).allocation();
  }

  @Test
  void capacityIsMemTotalLessTheHugepagePools() {
    AllocationState state = quad();
    assertThat(state.memoryCapacityBytes("n1", 0)).hasValue(40 * GI);
    assertThat(state.memoryCapacityBytes("n1", 9)).isEmpty();
  }

  @Test
  void aPodGoesWhereItsMemoryFitsAndIsCountedThere() {
    AllocationState state = quad();
    PodAllocation first = placed(state.place(pod("a", 4, 30 * GI), n -> true));
    assertThat(first.numaNode()).isZero();
    assertThat(first.memoryBytes()).isEqualTo(30 * GI);
    assertThat(state.memoryUsedBytes("n1", 0)).isEqualTo(30 * GI);
    // NUMA node 0 is still the best fit by cores, but has 10Gi left.
    PodAllocation second = placed(state.place(pod("b", 4, 20 * GI), n -> true));
    assertThat(second.numaNode()).isEqualTo(1);
    PodAllocation third = placed(state.place(pod("c", 4, 10 * GI), n -> true));
    assertThat(third.numaNode()).isZero();
  }

  @Test
  void aPodNoNumaNodeHasTheMemoryForIsRefusedWithTheShortfall() {
    AllocationState state = quad();
    placed(state.place(pod("a", 2, 9 * GI + GI / 2), n -> true));
    PlacementDecision decision = state.plan(pod("big", 4, 41 * GI));
    assertThat(decision).isInstanceOf(PlacementDecision.Unschedulable.class);
    assertThat(((PlacementDecision.Unschedulable) decision).reason())
        .isEqualTo(UnschedulableReason.INSUFFICIENT_MEMORY);
    assertThat(decision.message())
        .isEqualTo("needs 41Gi of memory on NUMA node 1; 40Gi free (best: node n1)");
    assertThat(UnschedulableReason.INSUFFICIENT_MEMORY.conditionReason())
        .isEqualTo("InsufficientMemory");
    PlacementDecision onZero = state.plan(pod("b", 2, 31 * GI), n -> true);
    assertThat(placed(onZero).numaNode()).isNotZero();
  }

  @Test
  void releaseReturnsTheMemory() {
    AllocationState state = quad();
    placed(state.place(pod("a", 4, 40 * GI), n -> true));
    assertThat(state.memoryUsedBytes("n1", 0)).isEqualTo(40 * GI);
    state.release(PodKey.of("ns", "a"));
    assertThat(state.memoryUsedBytes("n1", 0)).isZero();
    assertThat(placed(state.place(pod("b", 4, 40 * GI), n -> true)).numaNode()).isZero();
  }

  @Test
  void aRebuildCountsTheMemoryOfEveryAllocation() {
    AllocationState state = quad();
    PodAllocation a = placed(state.place(pod("a", 4, 35 * GI), n -> true));
    AllocationState rebuilt =
        AllocationState.rebuild(
            List.of(TopologyFixtures.inventory("n1", TopologyFixtures.quadNumaSmt2(), "0,64")),
            List.of(a));
    assertThat(rebuilt.memoryUsedBytes("n1", 0)).isEqualTo(35 * GI);
    assertThat(placed(rebuilt.plan(pod("b", 2, 6 * GI))).numaNode()).isNotZero();
  }

  @Test
  void aPodWithoutExclusiveCpusPinsNoMemoryAndCountsNone() {
    AllocationState state = quad();
    PodRequest shared =
        PodRequest.of(PodKey.of("ns", "s"), "uid-s", ContainerRequest.shared("app"))
            .withMemory(500 * GI);
    PodAllocation allocation = placed(state.place(shared, n -> true));
    assertThat(allocation.memoryBytes()).isZero();
    assertThat(state.memoryUsedBytes("n1", allocation.numaNode())).isZero();
  }

  @Test
  void aNodeWhoseMemoryIsUnknownIsNotChecked() {
    Topology quad = TopologyFixtures.quadNumaSmt2();
    Topology unknown =
        new Topology(
            quad.sockets(),
            quad.numaNodes().stream()
                .map(n -> new NumaNode(n.id(), n.cpus(), 0, 0, n.distances(), n.hugepages()))
                .toList(),
            quad.cores(),
            quad.cpus(),
            quad.l3Groups(),
            quad.online(),
            quad.offline());
    AllocationState state = new AllocationState();
    state.putNode(TopologyFixtures.inventory("n1", unknown, "0,64"));
    assertThat(state.memoryCapacityBytes("n1", 0)).isEqualTo(OptionalLong.empty());
    placed(state.place(pod("a", 4, 500 * GI), n -> true));
  }

  @Test
  void amountsAreWrittenForPeople() {
    assertThat(NumaMemory.format(48 * GI)).isEqualTo("48Gi");
    assertThat(NumaMemory.format(31 * GI + GI / 2)).isEqualTo("31.5Gi");
    assertThat(NumaMemory.format(512L << 20)).isEqualTo("512Mi");
    assertThat(NumaMemory.format(1000)).isEqualTo("1000");
    assertThat(NumaMemory.format(3L << 40)).isEqualTo("3Ti");
  }
}
