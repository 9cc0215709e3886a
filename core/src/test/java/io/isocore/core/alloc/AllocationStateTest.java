package io.isocore.core.alloc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isocore.core.cpu.CpuSet;
import io.isocore.core.pod.ContainerRequest;
import io.isocore.core.pod.PodKey;
import io.isocore.core.pod.PodRequest;
import io.isocore.core.testing.TopologyFixtures;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AllocationStateTest {

  private static PodAllocation holding(String pod, String node, String cpus) {
    return new PodAllocation(
        PodKey.of("ns", pod),
        "uid-" + pod,
        node,
        0,
        Optional.empty(),
        List.of(new ContainerGrant("app", CpuSet.parse(cpus), List.of())));
  }

  private static PodRequest pod(String name, int cpus) {
    return PodRequest.of(
        PodKey.of("ns", name), "uid-" + name, ContainerRequest.exclusive("app", cpus));
  }

  private static AllocationState quadNodes(String... names) {
    AllocationState state = new AllocationState();
    for (String name : names) {
      state.putNode(TopologyFixtures.inventory(name, TopologyFixtures.quadNumaSmt2(), "0,64"));
    }
    return state;
  }

  @Test
  void adoptingACpuHeldByAnotherPodThrowsAndChangesNothing() {
    AllocationState state = quadNodes("n1");
    state.adopt(holding("a", "n1", "2-3"));
    assertThatThrownBy(() -> state.adopt(holding("b", "n1", "3-4")))
        .isInstanceOf(AllocationConflictException.class)
        .hasMessage("pod ns/b claims CPUs on node n1 that other pods hold: 3 (ns/a)");
    assertThat(state.allocation(PodKey.of("ns", "b"))).isEmpty();
    assertThat(state.owner("n1", 4)).isEmpty();
    assertThat(state.owner("n1", 3)).contains(PodKey.of("ns", "a"));
  }

  @Test
  void adoptingTheSameAllocationTwiceIsANoOpButADifferentOneThrows() {
    AllocationState state = quadNodes("n1");
    state.adopt(holding("a", "n1", "2-3"));
    state.adopt(holding("a", "n1", "2-3"));
    assertThat(state.allocations()).hasSize(1);
    assertThatThrownBy(() -> state.adopt(holding("a", "n1", "5")))
        .isInstanceOf(AllocationConflictException.class)
        .hasMessageContaining("already holds node n1 CPUs 2-3");
  }

  @Test
  void releaseFreesEveryCoreAndHugepage() {
    AllocationState state = quadNodes("n1");
    int before = state.freeCores("n1");
    PlacementDecision decision =
        state.place(
            PodRequest.of(
                PodKey.of("ns", "a"),
                "u",
                ContainerRequest.exclusive("app", 5)
                    .withHugepages(
                        new io.isocore.core.pod.HugepageRequest(
                            TopologyFixtures.SIZE_1GI, 3 * TopologyFixtures.SIZE_1GI))),
            n -> true);
    PodAllocation allocation = ((PlacementDecision.Placed) decision).allocation();
    assertThat(((PlacementDecision.Placed) decision).cores()).isEqualTo(3);
    assertThat(state.freeCores("n1")).isEqualTo(before - 3);
    assertThat(state.heldCores(PodKey.of("ns", "a"))).isEqualTo(3);
    assertThat(state.freeHugepageBytes("n1", allocation.numaNode(), TopologyFixtures.SIZE_1GI))
        .isEqualTo(13 * TopologyFixtures.SIZE_1GI);

    assertThat(state.release(PodKey.of("ns", "a"))).contains(allocation);
    assertThat(state.freeCores("n1")).isEqualTo(before);
    assertThat(state.freeHugepageBytes("n1", allocation.numaNode(), TopologyFixtures.SIZE_1GI))
        .isEqualTo(16 * TopologyFixtures.SIZE_1GI);
    assertThat(state.release(PodKey.of("ns", "a"))).isEmpty();
  }

  @Test
  void rebuildRestoresOwnershipAndRejectsConflicts() {
    var inventories =
        List.of(TopologyFixtures.inventory("n1", TopologyFixtures.quadNumaSmt2(), "0,64"));
    AllocationState state =
        AllocationState.rebuild(
            inventories, List.of(holding("a", "n1", "1,65"), holding("b", "n1", "2")));
    assertThat(state.owner("n1", 65)).contains(PodKey.of("ns", "a"));
    assertThat(state.freeCores("n1", 0)).isEqualTo(13);
    assertThatThrownBy(
            () ->
                AllocationState.rebuild(
                    inventories, List.of(holding("a", "n1", "1"), holding("b", "n1", "1"))))
        .isInstanceOf(AllocationConflictException.class);
  }

  @Test
  void allocationsAdoptedBeforeTheNodeIsKnownStillBlockTheirCores() {
    AllocationState state = new AllocationState();
    state.adopt(holding("a", "n1", "1-15,65-79"));
    state.putNode(TopologyFixtures.inventory("n1", TopologyFixtures.quadNumaSmt2(), "0,64"));
    assertThat(state.freeCores("n1", 0)).isZero();
    assertThat(state.removeNode("n1")).isTrue();
    assertThat(state.allocation(PodKey.of("ns", "a"))).isPresent();
    assertThat(state.plan(pod("x", 2)).message()).isEqualTo("no node has a NodeTopology yet");
    state.putNode(TopologyFixtures.inventory("n1", TopologyFixtures.quadNumaSmt2(), "0,64"));
    assertThat(state.freeCores("n1", 0)).isZero();
  }

  @Test
  void bestFitAcrossNodesPicksTheFullestNumaNodeThatFits() {
    AllocationState state = quadNodes("n1", "n2", "n3");
    state.adopt(holding("a", "n2", "16-27,80-91"));
    state.adopt(holding("b", "n3", "16-25,80-89"));
    PlacementDecision decision = state.plan(pod("p", 8));
    PodAllocation allocation = ((PlacementDecision.Placed) decision).allocation();
    assertThat(allocation.nodeName()).isEqualTo("n2");
    assertThat(allocation.numaNode()).isEqualTo(1);
    assertThat(allocation.cpus()).isEqualTo(CpuSet.parse("28-31,92-95"));
    assertThat(decision.message()).isEqualTo("node n2, NUMA node 1: app CPUs 28-31,92-95");
  }

  @Test
  void theFilterExcludesNodesAndTheMessageNamesTheBestEligibleOne() {
    AllocationState state = quadNodes("n1", "n7");
    state.adopt(holding("a", "n7", "16-28,80-92"));
    state.adopt(holding("b", "n1", "1-15,65-79"));
    state.adopt(holding("c", "n1", "16-31,80-95"));
    state.adopt(holding("d", "n1", "32-47,96-111"));
    state.adopt(holding("e", "n1", "48-63,112-127"));
    assertThat(state.plan(pod("p", 8), n -> n.equals("n1")).message())
        .isEqualTo(
            "needs 4 whole isolated cores on one NUMA node; best: node n1, NUMA node 0, 0 free");
    state.adopt(holding("f", "n7", "1-15,65-79"));
    state.adopt(holding("g", "n7", "32-47,96-111"));
    state.adopt(holding("h", "n7", "48-63,112-127"));
    PlacementDecision decision = state.plan(pod("p", 8));
    assertThat(decision.message())
        .isEqualTo(
            "needs 4 whole isolated cores on one NUMA node; best: node n7, NUMA node 1, 3 free");
    assertThat(((PlacementDecision.Unschedulable) decision).reason().conditionReason())
        .isEqualTo("InsufficientIsolatedCores");
    assertThat(state.plan(pod("p", 2), n -> false).message())
        .isEqualTo("none of the 2 nodes passed the node filters");
  }

  @Test
  void nicAlignmentPlacesOnTheNicsNumaNodeOfEachNode() {
    AllocationState state = new AllocationState();
    state.putNode(
        TopologyFixtures.inventory("n1", TopologyFixtures.quadNumaSmt2(), "0,64")
            .withNics(Map.of("ens1f0", 2)));
    state.putNode(
        TopologyFixtures.inventory("n2", TopologyFixtures.quadNumaSmt2(), "0,64")
            .withNics(Map.of("ens1f0", 3)));
    state.adopt(holding("a", "n2", "48-50,112-114"));
    PlacementDecision decision = state.plan(pod("p", 4).withAlignNic("ens1f0"));
    PodAllocation allocation = ((PlacementDecision.Placed) decision).allocation();
    assertThat(allocation.nodeName()).isEqualTo("n2");
    assertThat(allocation.numaNode()).isEqualTo(3);

    PlacementDecision missing = state.plan(pod("p", 4).withAlignNic("ens9"));
    assertThat(((PlacementDecision.Unschedulable) missing).reason())
        .isEqualTo(UnschedulableReason.NIC_NOT_FOUND);
    assertThat(missing.message())
        .isEqualTo("none of the 2 eligible nodes has network interface ens9");
  }

  @Test
  void aNicWithoutNumaNodeIsNoPreferenceNeverARefusal() {
    AllocationState state = new AllocationState();
    state.putNode(
        TopologyFixtures.inventory("n1", TopologyFixtures.quadNumaSmt2(), "0,64")
            .withNics(Map.of("ens1f0", -1)));
    // Best fit, as for a pod without the annotation: NUMA node 0 has the fewest free cores.
    PlacementDecision decision = state.plan(pod("p", 4).withAlignNic("ens1f0"));
    assertThat(decision).isInstanceOf(PlacementDecision.Placed.class);
    assertThat(((PlacementDecision.Placed) decision).allocation().numaNode()).isZero();
    assertThat(state.plan(pod("p", 4))).isEqualTo(decision);
  }

  @Test
  void aNicWithoutNumaNodeLetsASingleNodePreferredPodSpreadButANumaLocalNicDoesNot() {
    for (int nicNuma : new int[] {-1, 1}) {
      AllocationState state = new AllocationState();
      state.putNode(
          TopologyFixtures.inventory("n1", TopologyFixtures.quadNumaSmt2(), "0,64")
              .withPolicies(SmtPolicy.FULL_CORES, NumaPolicy.SINGLE_NODE_PREFERRED)
              .withNics(Map.of("ens1f0", nicNuma)));
      // 34 CPUs = 17 cores: more than one NUMA node's 16.
      PlacementDecision decision = state.plan(pod("p", 34).withAlignNic("ens1f0"));
      if (nicNuma < 0) {
        assertThat(decision).as(decision.message()).isInstanceOf(PlacementDecision.Placed.class);
      } else {
        assertThat(((PlacementDecision.Unschedulable) decision).reason())
            .isEqualTo(UnschedulableReason.INSUFFICIENT_ISOLATED_CORES);
      }
    }
  }

  @Test
  void aPlacedPodCannotBePlannedAgain() {
    AllocationState state = quadNodes("n1");
    state.place(pod("p", 2), n -> true);
    PlacementDecision again = state.plan(pod("p", 2));
    assertThat(((PlacementDecision.Unschedulable) again).reason())
        .isEqualTo(UnschedulableReason.ALREADY_PLACED);
  }

  @Test
  void changingTheProfileKeepsAllocationsAndRecountsUsableCores() {
    AllocationState state = quadNodes("n1");
    state.adopt(holding("a", "n1", "1,65"));
    assertThat(state.usableCores("n1")).isEqualTo(63);
    // Now only NUMA node 0 is isolated; the pod's core stays held.
    state.putNode(
        NodeInventory.of(
            "n1",
            TopologyFixtures.quadNumaSmt2(),
            CpuSet.parse("0,64"),
            CpuSet.parse("1-15,65-79")));
    assertThat(state.usableCores("n1")).isEqualTo(15);
    assertThat(state.freeCores("n1")).isEqualTo(14);
    assertThat(state.owner("n1", 65)).contains(PodKey.of("ns", "a"));
    assertThat(state.freeCoreHistogram()).containsEntry(14, 1).containsEntry(0, 3);
  }

  @Test
  void aPodWithOnlySharedContainersStillGetsANode() {
    AllocationState state = quadNodes("n1");
    PlacementDecision decision =
        state.plan(PodRequest.of(PodKey.of("ns", "s"), "u", ContainerRequest.shared("app")));
    PodAllocation allocation = ((PlacementDecision.Placed) decision).allocation();
    assertThat(allocation.cpus().isEmpty()).isTrue();
    assertThat(((PlacementDecision.Placed) decision).cores()).isZero();
    assertThat(Set.of(0, 1, 2, 3)).contains(allocation.numaNode());
  }

  @Test
  void nodesOfTheSameHardwareShareTheirCoreListsButKeepEqualInventories() {
    NodeInventory a = TopologyFixtures.inventory("a", TopologyFixtures.quadNumaSmt2(), "0,64");
    NodeInventory b = TopologyFixtures.inventory("b", TopologyFixtures.quadNumaSmt2(), "0,64");
    AllocationState state = new AllocationState();
    state.putNode(a);
    state.putNode(b);
    assertThat(state.node("a")).contains(a);
    assertThat(state.node("b")).contains(b);
    assertThat(state.node("a").orElseThrow().topology().cores())
        .isSameAs(state.node("b").orElseThrow().topology().cores());
    assertThat(a.topology().cores()).isNotSameAs(b.topology().cores());
  }

  @Test
  void worstFitSpreadsToTheEmptiestNumaNode() {
    AllocationState state = new AllocationState(FitStrategy.WORST_FIT);
    state.putNode(TopologyFixtures.inventory("n1", TopologyFixtures.quadNumaSmt2(), "0,64"));
    state.putNode(TopologyFixtures.inventory("n2", TopologyFixtures.quadNumaSmt2(), "0,64"));
    state.adopt(holding("a", "n1", "16-17,80-81"));
    PodAllocation first =
        ((PlacementDecision.Placed) state.place(pod("p", 2), n -> true)).allocation();
    assertThat(first.nodeName()).isEqualTo("n1");
    assertThat(first.numaNode()).isEqualTo(2);
    PodAllocation second =
        ((PlacementDecision.Placed) state.place(pod("q", 2), n -> true)).allocation();
    assertThat(second.nodeName()).isEqualTo("n1");
    assertThat(second.numaNode()).isEqualTo(3);
    assertThat(state.plan(pod("r", 34)).message())
        .isEqualTo(
            "needs 17 whole isolated cores on one NUMA node; best: node n2, NUMA node 1, 16 free");
  }

  @Test
  void aHugepageSizeNoNodeOffersIsUnschedulableWithZeroFree() {
    AllocationState state = quadNodes("n1");
    long size16g = 16L << 30;
    PlacementDecision decision =
        state.plan(
            PodRequest.of(
                PodKey.of("ns", "p"),
                "u",
                ContainerRequest.exclusive("app", 2)
                    .withHugepages(new io.isocore.core.pod.HugepageRequest(size16g, size16g))));
    assertThat(((PlacementDecision.Unschedulable) decision).reason())
        .isEqualTo(UnschedulableReason.INSUFFICIENT_HUGEPAGES);
    assertThat(decision.message())
        .isEqualTo(
            "needs 16Gi of 16Gi hugepages on the NUMA node of its cores; best: node n1, NUMA node"
                + " 0, 0 free");
  }
}
