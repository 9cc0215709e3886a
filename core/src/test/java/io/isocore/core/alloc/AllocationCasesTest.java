package io.isocore.core.alloc;

import static io.isocore.core.testing.TopologyFixtures.SIZE_1GI;
import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.core.cpu.CpuSet;
import io.isocore.core.pod.ContainerRequest;
import io.isocore.core.pod.HugepageRequest;
import io.isocore.core.pod.PodKey;
import io.isocore.core.pod.PodRequest;
import io.isocore.core.testing.TopologyFixtures;
import io.isocore.core.topology.Topology;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table tests over named topologies: the situations the kubelet static CPU manager policy's tests
 * cover (single and dual socket with SMT, several NUMA nodes per socket, fragmented free pools,
 * whole sockets, requests that cannot fit), with isocore's whole-core and NUMA rules.
 */
class AllocationCasesTest {

  /**
   * One case: a node, CPUs other pods already hold, the containers' CPU counts, and the expected
   * CPUs per container (Linux list format, in container order) or the expected message.
   */
  record Case(
      String name,
      Topology topology,
      String reserved,
      UnaryOperator<NodeInventory> tweak,
      List<String> held,
      List<Integer> cpus,
      List<String> expectedCpus,
      int expectedNuma,
      String expectedMessage) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Case placed(
      String name,
      Topology topology,
      String reserved,
      UnaryOperator<NodeInventory> tweak,
      List<String> held,
      List<Integer> cpus,
      int numa,
      String... expected) {
    return new Case(name, topology, reserved, tweak, held, cpus, List.of(expected), numa, null);
  }

  static Case fails(
      String name,
      Topology topology,
      String reserved,
      UnaryOperator<NodeInventory> tweak,
      List<String> held,
      List<Integer> cpus,
      String message) {
    return new Case(name, topology, reserved, tweak, held, cpus, List.of(), -1, message);
  }

  static final UnaryOperator<NodeInventory> AS_IS = i -> i;
  static final UnaryOperator<NodeInventory> IDLE_SIBLINGS =
      i -> i.withPolicies(SmtPolicy.IDLE_SIBLINGS, NumaPolicy.SINGLE_NODE_REQUIRED);
  static final UnaryOperator<NodeInventory> PREFERRED =
      i -> i.withPolicies(SmtPolicy.FULL_CORES, NumaPolicy.SINGLE_NODE_PREFERRED);

  static Stream<Case> cases() {
    Topology single = TopologyFixtures.singleSocketSmt2();
    Topology dual = TopologyFixtures.dualSocketSmt2();
    Topology multiNuma = TopologyFixtures.dualSocketMultiNumaSmt2();
    Topology quad = TopologyFixtures.quadNumaSmt2();
    Topology offline = TopologyFixtures.offlineCpus();
    Topology multiL3 = TopologyFixtures.multiL3();
    Topology noSmt = TopologyFixtures.noSmtTwoNuma();
    Topology hybrid = TopologyFixtures.hybrid();
    Topology smt4 = TopologyFixtures.singleSocketSmt4();
    Topology unknownNuma = TopologyFixtures.unknownNuma();
    return Stream.of(
        // kubelet: GuPodMultipleCores, SingleSocketHT, ExpectAllocOneCore
        placed(
            "singleSocket 2 CPUs take one whole core",
            single,
            "0",
            AS_IS,
            List.of(),
            List.of(2),
            0,
            "1,5"),
        placed(
            "singleSocket 1 CPU rounds up to a core",
            single,
            "0",
            AS_IS,
            List.of(),
            List.of(1),
            0,
            "1"),
        placed(
            "singleSocket spare sibling is not handed out",
            single,
            "0",
            AS_IS,
            List.of("1"),
            List.of(2),
            0,
            "2,6"),
        placed(
            "singleSocket held sibling blocks its core",
            single,
            "0",
            AS_IS,
            List.of("5"),
            List.of(2),
            0,
            "2,6"),
        // kubelet: GuPodSingleCore, SingleSocketHT, ExpectError (more than is free)
        fails(
            "singleSocket 8 CPUs do not fit",
            single,
            "0",
            AS_IS,
            List.of(),
            List.of(8),
            "needs 4 whole isolated cores on one NUMA node; best: node n1, NUMA node 0, 3 free"),
        fails(
            "singleSocket reserved sibling makes core unusable",
            single,
            "4",
            AS_IS,
            List.of(),
            List.of(8),
            "needs 4 whole isolated cores on one NUMA node; best: node n1, NUMA node 0,"
                + " 3 free"),
        // kubelet: GuPodMultipleCores, DualSocketHT, ExpectAllocOneSocket
        placed(
            "dualSocket 6 CPUs take the whole free socket",
            dual,
            "0",
            AS_IS,
            List.of(),
            List.of(6),
            1,
            "1,3,5,7,9,11"),
        placed(
            "dualSocket whole socket 0 without reserved",
            dual,
            "",
            AS_IS,
            List.of(),
            List.of(6),
            0,
            "0,2,4,6,8,10"),
        placed(
            "dualSocket best fit picks the fuller socket",
            dual,
            "0",
            AS_IS,
            List.of(),
            List.of(2),
            0,
            "2,8"),
        placed(
            "dualSocket IdleSiblings one CPU per core",
            dual,
            "0",
            IDLE_SIBLINGS,
            List.of(),
            List.of(3),
            1,
            "1,3,5"),
        // kubelet: GuPodMultipleCores, DualSocketHT, NoAllocExpectError
        fails(
            "dualSocket 10 CPUs exceed any socket",
            dual,
            "0",
            AS_IS,
            List.of(),
            List.of(10),
            "needs 5 whole isolated cores on one NUMA node; best: node n1, NUMA node 1, 3 free"),
        placed(
            "dualSocket two containers share one NUMA node",
            dual,
            "0",
            AS_IS,
            List.of(),
            List.of(2, 4),
            1,
            "5,11",
            "1,3,7,9"),
        // kubelet: topoDualSocketMultiNumaPerSocketHT
        placed(
            "multiNuma 20 CPUs fill the emptiest fitting NUMA node",
            multiNuma,
            "0",
            AS_IS,
            List.of(),
            List.of(20),
            1,
            "10-19,50-59"),
        placed(
            "multiNuma 18 CPUs best fit on NUMA 0",
            multiNuma,
            "0",
            AS_IS,
            List.of(),
            List.of(18),
            0,
            "1-9,41-49"),
        fails(
            "multiNuma 22 CPUs exceed one NUMA node",
            multiNuma,
            "0",
            AS_IS,
            List.of(),
            List.of(22),
            "needs 11 whole isolated cores on one NUMA node; best: node n1, NUMA node 1, 10 free"),
        placed(
            "multiNuma containers of one pod on one NUMA node",
            multiNuma,
            "0",
            AS_IS,
            List.of(),
            List.of(8, 4, 2),
            0,
            "1-4,41-44",
            "5-6,45-46",
            "7,47"),
        // fragmented free pool: NUMA 0 keeps 3, NUMA 1 keeps 5, NUMA 3 keeps 4 free cores
        placed(
            "fragmented exact fit wins",
            quad,
            "",
            AS_IS,
            List.of("0-12,64-76", "16-26,80-90", "48-59,112-123"),
            List.of(8),
            3,
            "60-63,124-127"),
        placed(
            "fragmented next best fit",
            quad,
            "",
            AS_IS,
            List.of("0-12,64-76", "16-26,80-90", "48-59,112-123"),
            List.of(10),
            1,
            "27-31,91-95"),
        placed(
            "fragmented large request takes the empty NUMA node",
            quad,
            "",
            AS_IS,
            List.of("0-12,64-76", "16-26,80-90", "48-59,112-123"),
            List.of(12),
            2,
            "32-37,96-101"),
        placed(
            "offline sibling: 3 CPUs from a full and a single-thread core",
            offline,
            "0",
            AS_IS,
            List.of(),
            List.of(3),
            0,
            "1-2,9"),
        placed(
            "offline sibling: 4 CPUs need a third core",
            offline,
            "0",
            AS_IS,
            List.of(),
            List.of(4),
            0,
            "1-3,9"),
        fails(
            "offline CPUs are never counted",
            offline,
            "0",
            AS_IS,
            List.of(),
            List.of(14),
            "needs 7 whole isolated cores on one NUMA node; best: node n1, NUMA node 0, 6 free"),
        placed(
            "L3 best fit: the partly used group",
            multiL3,
            "0-1",
            AS_IS,
            List.of(),
            List.of(6),
            0,
            "2-7"),
        placed(
            "L3 best fit: a whole group", multiL3, "0-1", AS_IS, List.of(), List.of(8), 0, "8-15"),
        placed(
            "L3 spill: largest group then best fit",
            multiL3,
            "0-1",
            AS_IS,
            List.of(),
            List.of(10),
            0,
            "2-3,8-15"),
        placed("no SMT: best fit NUMA node", noSmt, "0", AS_IS, List.of(), List.of(7), 0, "1-7"),
        placed("no SMT: the other NUMA node", noSmt, "0", AS_IS, List.of(), List.of(8), 1, "8-15"),
        placed("hybrid: P-cores first by id", hybrid, "", AS_IS, List.of(), List.of(4), 0, "0-3"),
        placed(
            "hybrid: E-cores top up a short count",
            hybrid,
            "",
            AS_IS,
            List.of(),
            List.of(10),
            0,
            "0-9"),
        placed(
            "SMT4: 6 CPUs round up to 2 whole cores",
            smt4,
            "0",
            AS_IS,
            List.of(),
            List.of(6),
            0,
            "1-2,5-6,9,13"),
        placed(
            "SMT4 IdleSiblings: one CPU per core",
            smt4,
            "0",
            IDLE_SIBLINGS,
            List.of(),
            List.of(3),
            0,
            "1-3"),
        fails(
            "SMT4: 9 CPUs need 3 cores, 3 free but one held",
            smt4,
            "0",
            AS_IS,
            List.of("7"),
            List.of(9),
            "needs 3 whole isolated cores on one NUMA node; best: node n1, NUMA node 0, 2 free"),
        placed(
            "cores of an unknown NUMA node are not handed out",
            unknownNuma,
            "",
            AS_IS,
            List.of(),
            List.of(4),
            0,
            "0-3"),
        fails(
            "unknown NUMA node: no slot, no -1 in messages",
            unknownNuma,
            "",
            AS_IS,
            List.of(),
            List.of(5),
            "needs 5 whole isolated cores on one NUMA node; best: node n1, NUMA node 0, 4 free"),
        placed(
            "quietest core first",
            single,
            "0",
            i ->
                i.withJitter(
                    CpuJitter.of(Map.of(1, 9000L, 5, 100L, 2, 300L, 6, 200L, 3, 250L)),
                    OptionalLong.empty()),
            List.of(),
            List.of(2),
            0,
            "3,7"),
        fails(
            "quarantined core is not handed out",
            single,
            "0",
            i -> i.withJitter(CpuJitter.of(Map.of(5, 50_000L)), OptionalLong.of(20_000)),
            List.of(),
            List.of(6),
            "needs 3 whole isolated cores on one NUMA node; best: node n1, NUMA node 0, 2 free"),
        placed(
            "shared container gets no CPUs",
            single,
            "0",
            AS_IS,
            List.of(),
            List.of(0, 2),
            0,
            "",
            "1,5"),
        placed(
            "SingleNodePreferred spreads when no NUMA node fits",
            multiNuma,
            "0",
            PREFERRED,
            List.of(),
            List.of(22),
            1,
            "10-20,50-60"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void allocates(Case c) {
    AllocationState state = new AllocationState();
    state.putNode(c.tweak().apply(TopologyFixtures.inventory("n1", c.topology(), c.reserved())));
    for (int i = 0; i < c.held().size(); i++) {
      state.adopt(
          new PodAllocation(
              PodKey.of("other", "p" + i),
              "uid-o" + i,
              "n1",
              0,
              java.util.Optional.empty(),
              List.of(new ContainerGrant("c", CpuSet.parse(c.held().get(i)), List.of()))));
    }
    ContainerRequest[] containers = new ContainerRequest[c.cpus().size()];
    for (int i = 0; i < containers.length; i++) {
      int n = c.cpus().get(i);
      containers[i] =
          n == 0 ? ContainerRequest.shared("c" + i) : ContainerRequest.exclusive("c" + i, n);
    }
    PodRequest request = PodRequest.of(PodKey.of("ns", "pod"), "uid-1", containers);

    PlacementDecision decision = state.plan(request);

    if (c.expectedMessage() != null) {
      assertThat(decision).isInstanceOf(PlacementDecision.Unschedulable.class);
      assertThat(decision.message()).isEqualTo(c.expectedMessage());
      return;
    }
    assertThat(decision).as(decision.message()).isInstanceOf(PlacementDecision.Placed.class);
    PodAllocation allocation = ((PlacementDecision.Placed) decision).allocation();
    assertThat(allocation.numaNode()).isEqualTo(c.expectedNuma());
    assertThat(allocation.containers().stream().map(g -> g.cpus().toListString()).toList())
        .isEqualTo(c.expectedCpus());
    state.adopt(allocation);
    assertThat(state.allocation(request.key())).contains(allocation);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.isocore.core.testing.TopologyFixtures#all")
  void hugepagesComeFromTheNumaNodeOfTheCores(TopologyFixtures.Fixture fixture) {
    AllocationState state = new AllocationState();
    state.putNode(
        TopologyFixtures.inventory("n1", fixture.topology(), "")
            .withHugepages(List.of(new HugepageCapacity(lastKnownNuma(fixture), SIZE_1GI, 2))));
    PodRequest request =
        PodRequest.of(
            PodKey.of("ns", "pod"),
            "uid",
            ContainerRequest.exclusive("app", 1)
                .withHugepages(new HugepageRequest(SIZE_1GI, 2 * SIZE_1GI)));
    PlacementDecision decision = state.plan(request);
    assertThat(decision).as(decision.message()).isInstanceOf(PlacementDecision.Placed.class);
    PodAllocation allocation = ((PlacementDecision.Placed) decision).allocation();
    int numa = lastKnownNuma(fixture);
    assertThat(allocation.numaNode()).isEqualTo(numa);
    assertThat(allocation.hugepages())
        .containsExactly(new HugepageGrant(SIZE_1GI, 2 * SIZE_1GI, numa));
    state.adopt(allocation);
    PlacementDecision second =
        state.plan(
            PodRequest.of(
                PodKey.of("ns", "pod2"),
                "uid2",
                ContainerRequest.exclusive("app", 1)
                    .withHugepages(new HugepageRequest(SIZE_1GI, SIZE_1GI))));
    assertThat(second).isInstanceOf(PlacementDecision.Unschedulable.class);
    assertThat(((PlacementDecision.Unschedulable) second).reason())
        .isEqualTo(UnschedulableReason.INSUFFICIENT_HUGEPAGES);
    assertThat(second.message())
        .isEqualTo(
            "needs 1Gi of 1Gi hugepages on the NUMA node of its cores; best: node n1, NUMA node "
                + numa
                + ", 0 free");
  }

  private static int lastKnownNuma(TopologyFixtures.Fixture fixture) {
    return fixture.topology().cores().stream()
        .mapToInt(io.isocore.core.topology.Core::numaNode)
        .filter(n -> n >= 0)
        .max()
        .orElseThrow();
  }
}
