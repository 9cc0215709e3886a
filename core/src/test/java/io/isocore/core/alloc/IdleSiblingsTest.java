package io.isocore.core.alloc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isocore.core.cpu.CpuSet;
import io.isocore.core.pod.ContainerRequest;
import io.isocore.core.pod.PodKey;
import io.isocore.core.pod.PodRequest;
import io.isocore.core.testing.TopologyFixtures;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The siblings a pod holds idle are in its allocation, held, released and rebuilt with it. */
class IdleSiblingsTest {

  /** singleSocketSmt2 with core (0,4) reserved: siblings (1,5) (2,6) (3,7) are isolated. */
  private static AllocationState node(SmtPolicy smt) {
    AllocationState state = new AllocationState();
    state.putNode(
        TopologyFixtures.inventory("n", TopologyFixtures.singleSocketSmt2(), "0,4")
            .withPolicies(smt, NumaPolicy.SINGLE_NODE_REQUIRED));
    return state;
  }

  private static PodRequest pod(String name, int cpus) {
    return PodRequest.of(
        PodKey.of("ns", name), "uid-" + name, ContainerRequest.exclusive("app", cpus));
  }

  private static PodAllocation placed(AllocationState state, PodRequest request) {
    PlacementDecision decision = state.place(request, n -> true);
    assertThat(decision).as(decision.message()).isInstanceOf(PlacementDecision.Placed.class);
    return ((PlacementDecision.Placed) decision).allocation();
  }

  @Test
  void anOddCountUnderFullCoresRoundsUpAndRecordsTheSpareSibling() {
    AllocationState state = node(SmtPolicy.FULL_CORES);
    PodAllocation allocation = placed(state, pod("a", 3));
    assertThat(allocation.cpus().size()).isEqualTo(3);
    assertThat(allocation.idleCpus().size()).isEqualTo(1);
    assertThat(allocation.heldCpus().size()).isEqualTo(4);
    int idle = allocation.idleCpus().first();
    assertThat(state.owner("n", idle)).contains(PodKey.of("ns", "a"));
    assertThat(state.heldCores(PodKey.of("ns", "a"))).isEqualTo(2);
  }

  @Test
  void idleSiblingsPolicyRecordsEveryOtherSibling() {
    AllocationState state = node(SmtPolicy.IDLE_SIBLINGS);
    PodAllocation allocation = placed(state, pod("a", 2));
    assertThat(allocation.cpus().size()).isEqualTo(2);
    assertThat(allocation.idleCpus().size()).isEqualTo(2);
    assertThat(allocation.idleCpus().intersects(allocation.cpus())).isFalse();
    for (int cpu : allocation.cpus().toList()) {
      // siblings in singleSocketSmt2 are cpu and cpu + 4
      assertThat(allocation.idleCpus().contains(cpu + 4)).isTrue();
    }
  }

  @Test
  void anEvenCountUnderFullCoresHoldsNoIdleSibling() {
    PodAllocation allocation = placed(node(SmtPolicy.FULL_CORES), pod("a", 4));
    assertThat(allocation.idleCpus()).isEqualTo(CpuSet.empty());
  }

  @Test
  void anIdleSiblingHeldByAnotherPodIsAConflict() {
    AllocationState state = new AllocationState();
    state.adopt(allocation("a", "2", "6"));
    assertThatThrownBy(() -> state.adopt(allocation("b", "6", "")))
        .isInstanceOf(AllocationConflictException.class)
        .hasMessageContaining("6 (ns/a)");
  }

  @Test
  void releaseFreesTheIdleSiblingsAndRebuildHoldsThemEvenBeforeTheTopologyIsKnown() {
    AllocationState state = node(SmtPolicy.FULL_CORES);
    PodAllocation allocation = placed(state, pod("a", 3));
    int idle = allocation.idleCpus().first();
    AllocationState rebuilt = AllocationState.rebuild(List.of(), List.of(allocation));
    assertThat(rebuilt.owner("n", idle)).contains(PodKey.of("ns", "a"));
    state.release(PodKey.of("ns", "a"));
    assertThat(state.owner("n", idle)).isEmpty();
    assertThat(state.freeCores("n")).isEqualTo(3);
  }

  @Test
  void anIdleCpuThatIsAlsoAContainersIsRejected() {
    assertThatThrownBy(() -> allocation("a", "2-3", "3"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("idle CPUs 3 are also given to a container");
  }

  private static PodAllocation allocation(String pod, String cpus, String idle) {
    return new PodAllocation(
        PodKey.of("ns", pod),
        "uid-" + pod,
        "n",
        0,
        Optional.empty(),
        List.of(new ContainerGrant("app", CpuSet.parse(cpus), List.of())),
        CpuSet.parse(idle));
  }
}
