package io.isocore.core.alloc;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.core.cpu.CpuSet;
import io.isocore.core.enforce.CpuPools;
import io.isocore.core.enforce.UnallocatedIsolatedPolicy;
import io.isocore.core.pod.ContainerRequest;
import io.isocore.core.pod.PodKey;
import io.isocore.core.pod.PodRequest;
import io.isocore.core.testing.SharedTopologies;
import io.isocore.core.testing.TopologyFixtures;
import io.isocore.core.topology.Core;
import io.isocore.core.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whole cores stay whole: random place/release sequences over the named fixtures (SMT2, SMT4 and
 * the rest) and the real machines of ../shared/topologies, under every {@link SmtPolicy} and every
 * {@link UnallocatedIsolatedPolicy}. After every step: no CPU is held twice; every CPU of a core an
 * allocation touches is one of its containers' CPUs or one of its idle CPUs; the pools the agent
 * computes from the allocations (shared pool, unallocated idle, probe candidates) never contain an
 * exclusive CPU or a sibling of one; a rebuild from the allocations holds the same CPUs.
 */
class WholeCoresPropertyTest {

  private static final int SEEDS = 10;
  private static final int STEPS = 120;

  static Stream<Arguments> machines() {
    List<TopologyFixtures.Fixture> all = new ArrayList<>(TopologyFixtures.all());
    all.addAll(SharedTopologies.all());
    List<Arguments> cases = new ArrayList<>();
    for (TopologyFixtures.Fixture fixture : all) {
      for (SmtPolicy smt : SmtPolicy.values()) {
        for (UnallocatedIsolatedPolicy unallocated : UnallocatedIsolatedPolicy.values()) {
          cases.add(Arguments.of(fixture, smt, unallocated));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("machines")
  void exclusiveCpusAndTheirSiblingsNeverLeak(
      TopologyFixtures.Fixture machine, SmtPolicy smt, UnallocatedIsolatedPolicy unallocated) {
    for (long seed = 0; seed < SEEDS; seed++) {
      churn(new Random(seed), machine.topology(), smt, unallocated, seed);
    }
  }

  private static void churn(
      Random random,
      Topology topology,
      SmtPolicy smt,
      UnallocatedIsolatedPolicy unallocated,
      long seed) {
    CpuSet reserved = CpuSet.of(topology.cores().get(random.nextInt(topology.cores().size())).id());
    CpuSet isolated = topology.online().minus(reserved);
    NodeInventory inventory =
        NodeInventory.of("n", topology, reserved, isolated)
            .withPolicies(
                smt,
                random.nextBoolean()
                    ? NumaPolicy.SINGLE_NODE_REQUIRED
                    : NumaPolicy.SINGLE_NODE_PREFERRED);
    AllocationState state = new AllocationState();
    state.putNode(inventory);
    int threads = topology.cores().stream().mapToInt(c -> c.cpus().size()).max().orElse(1);
    List<PodKey> live = new ArrayList<>();
    for (int step = 0; step < STEPS; step++) {
      if (!live.isEmpty() && random.nextInt(3) == 0) {
        assertThat(state.release(live.remove(random.nextInt(live.size())))).isPresent();
      } else {
        PodRequest request = randomRequest(random, step, threads);
        if (state.place(request, n -> true) instanceof PlacementDecision.Placed) {
          live.add(request.key());
        }
      }
      String where = "seed " + seed + " step " + step;
      check(state, inventory, unallocated, where);
    }
    AllocationState rebuilt = AllocationState.rebuild(List.of(inventory), state.allocations());
    for (int cpu : topology.online().toList()) {
      assertThat(rebuilt.owner("n", cpu))
          .as("CPU %d after a rebuild", cpu)
          .isEqualTo(state.owner("n", cpu));
    }
  }

  private static void check(
      AllocationState state,
      NodeInventory inventory,
      UnallocatedIsolatedPolicy unallocated,
      String where) {
    Topology topology = inventory.topology();
    CpuSet exclusive = CpuSet.empty();
    CpuSet idleSiblings = CpuSet.empty();
    CpuSet held = CpuSet.empty();
    for (PodAllocation allocation : state.allocations()) {
      assertThat(allocation.heldCpus().intersects(held))
          .as("%s: %s holds a CPU another pod holds", where, allocation.pod())
          .isFalse();
      held = held.union(allocation.heldCpus());
      exclusive = exclusive.union(allocation.cpus());
      idleSiblings = idleSiblings.union(allocation.idleCpus());
      for (Core core : topology.cores()) {
        if (core.cpus().intersects(allocation.cpus())) {
          assertThat(allocation.heldCpus().containsAll(core.cpus()))
              .as(
                  "%s: core %s of %s: CPUs %s idle %s",
                  where, core.cpus(), allocation.pod(), allocation.cpus(), allocation.idleCpus())
              .isTrue();
        }
      }
      allocation
          .heldCpus()
          .forEach(
              cpu ->
                  assertThat(state.owner("n", cpu))
                      .as("%s: owner of CPU %d", where, cpu)
                      .contains(allocation.pod()));
    }
    // Siblings from the topology, not from the allocations: what must never run other work.
    CpuSet siblings = CpuSet.empty();
    for (Core core : topology.cores()) {
      if (core.cpus().intersects(exclusive)) {
        siblings = siblings.union(core.cpus());
      }
    }
    CpuPools pools =
        CpuPools.compute(
            topology.online(), exclusive, idleSiblings, inventory.isolated(), unallocated);
    assertThat(pools.shared().intersects(siblings))
        .as(
            "%s: shared pool %s has exclusive CPUs or their siblings %s",
            where, pools.shared(), siblings)
        .isFalse();
    assertThat(pools.idle().intersects(siblings))
        .as("%s: unallocated idle %s has held CPUs %s", where, pools.idle(), siblings)
        .isFalse();
    CpuSet probe = CpuPools.probeCandidates(topology.online(), inventory.isolated(), pools.held());
    assertThat(probe.intersects(siblings))
        .as("%s: probe candidates %s include held CPUs %s", where, probe, siblings)
        .isFalse();
    assertThat(pools.held()).as(where).isEqualTo(held.intersection(topology.online()));
    assertThat(
            pools.exclusive().union(pools.idleSiblings()).union(pools.idle()).union(pools.shared()))
        .isEqualTo(topology.online());
  }

  private static PodRequest randomRequest(Random random, int step, int threads) {
    int containers = 1 + random.nextInt(3);
    List<ContainerRequest> list = new ArrayList<>();
    for (int c = 0; c < containers; c++) {
      int cpus = random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(2 * threads + 1);
      list.add(new ContainerRequest("c" + c, cpus, List.of()));
    }
    return new PodRequest(
        PodKey.of("ns", "p" + step), "uid-" + step, Optional.empty(), list, Optional.empty());
  }
}
