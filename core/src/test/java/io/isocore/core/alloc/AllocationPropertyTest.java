package io.isocore.core.alloc;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.core.cpu.CpuSet;
import io.isocore.core.pod.ContainerRequest;
import io.isocore.core.pod.HugepageRequest;
import io.isocore.core.pod.PodKey;
import io.isocore.core.pod.PodRequest;
import io.isocore.core.testing.SharedTopologies;
import io.isocore.core.testing.TopologyFixtures;
import io.isocore.core.topology.Core;
import io.isocore.core.topology.Topology;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random create/delete sequences on random clusters (seeded, so a failure names its seed): no CPU
 * or core with two owners, reserved and non-isolated CPUs never handed out, the NUMA rule honoured,
 * every request served in full, and nothing leaked once everything is released.
 */
class AllocationPropertyTest {

  static Stream<Long> seeds() {
    return IntStream.range(0, 60).mapToObj(i -> 0x150C0DEL + i);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void invariantsHoldOverRandomChurn(long seed) {
    Random random = new Random(seed);
    churn(random, TopologyFixtures.all(), 1 + random.nextInt(5), 300);
  }

  static Stream<TopologyFixtures.Fixture> realMachines() {
    return SharedTopologies.all().stream();
  }

  /** The same invariants on the real machines of ../shared/topologies (skipped if absent). */
  @ParameterizedTest(name = "{0}")
  @MethodSource("realMachines")
  void invariantsHoldOnRealMachines(TopologyFixtures.Fixture machine) {
    for (long seed = 0; seed < 5; seed++) {
      churn(new Random(seed), List.of(machine), 3, 200);
    }
  }

  private static void churn(
      Random random, List<TopologyFixtures.Fixture> fixtures, int nodes, int steps) {
    AllocationState state = new AllocationState();
    Map<String, NodeInventory> inventories = new HashMap<>();
    for (int n = 0; n < nodes; n++) {
      Topology topology = fixtures.get(random.nextInt(fixtures.size())).topology();
      CpuSet reserved =
          CpuSet.of(topology.cores().get(random.nextInt(topology.cores().size())).id());
      CpuSet isolated = topology.online().minus(reserved);
      if (random.nextInt(3) == 0) {
        // leave a random CPU in the shared pool: its core must never be handed out
        isolated =
            isolated.minus(
                CpuSet.of(topology.cpus().get(random.nextInt(topology.cpus().size())).id()));
      }
      NodeInventory inventory =
          NodeInventory.of("node-" + n, topology, reserved, isolated)
              .withPolicies(
                  random.nextBoolean() ? SmtPolicy.FULL_CORES : SmtPolicy.IDLE_SIBLINGS,
                  random.nextInt(4) == 0
                      ? NumaPolicy.SINGLE_NODE_PREFERRED
                      : NumaPolicy.SINGLE_NODE_REQUIRED)
              .withHugepages(
                  topology.numaNodes().stream()
                      .filter(numa -> numa.id() >= 0)
                      .map(numa -> new HugepageCapacity(numa.id(), TopologyFixtures.SIZE_2MI, 64))
                      .toList());
      inventories.put(inventory.nodeName(), inventory);
      state.putNode(inventory);
    }
    Map<String, Integer> initialFree = new HashMap<>();
    inventories.keySet().forEach(name -> initialFree.put(name, state.freeCores(name)));

    List<PodKey> live = new ArrayList<>();
    int exclusivePlaced = 0;
    Map<PodKey, PodRequest> requests = new HashMap<>();
    for (int step = 0; step < steps; step++) {
      if (!live.isEmpty() && random.nextInt(3) == 0) {
        PodKey victim = live.remove(random.nextInt(live.size()));
        assertThat(state.release(victim)).isPresent();
        continue;
      }
      PodRequest request = randomRequest(random, step);
      PlacementDecision decision = state.plan(request);
      if (decision instanceof PlacementDecision.Placed placed) {
        exclusivePlaced += placed.cores() > 0 ? 1 : 0;
        state.adopt(placed.allocation());
        live.add(request.key());
        requests.put(request.key(), request);
      } else {
        assertThat(decision.message()).isNotBlank();
      }
      checkInvariants(state, inventories, requests);
    }
    assertThat(exclusivePlaced > 0 || state.usableCores() == 0)
        .as("some pod with exclusive cores was placed")
        .isTrue();
    live.forEach(state::release);
    assertThat(state.allocations()).isEmpty();
    inventories.forEach(
        (name, inventory) -> {
          assertThat(state.freeCores(name))
              .as("free cores of %s", name)
              .isEqualTo(initialFree.get(name));
          for (var numa : inventory.topology().numaNodes()) {
            if (numa.id() < 0) {
              continue;
            }
            assertThat(state.freeHugepageBytes(name, numa.id(), TopologyFixtures.SIZE_2MI))
                .isEqualTo(64 * TopologyFixtures.SIZE_2MI);
          }
        });
  }

  private static PodRequest randomRequest(Random random, int step) {
    int containers = 1 + random.nextInt(3);
    List<ContainerRequest> list = new ArrayList<>();
    for (int c = 0; c < containers; c++) {
      int cpus = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(8);
      ContainerRequest container = new ContainerRequest("c" + c, cpus, List.of());
      if (random.nextInt(4) == 0) {
        container =
            container.withHugepages(
                new HugepageRequest(
                    TopologyFixtures.SIZE_2MI,
                    (1 + random.nextInt(16)) * TopologyFixtures.SIZE_2MI));
      }
      list.add(container);
    }
    return new PodRequest(
        PodKey.of("ns", "p" + step),
        "uid-" + step,
        java.util.Optional.empty(),
        list,
        java.util.Optional.empty());
  }

  private static void checkInvariants(
      AllocationState state,
      Map<String, NodeInventory> inventories,
      Map<PodKey, PodRequest> requests) {
    Map<String, Map<Integer, PodKey>> coreOwners = new HashMap<>();
    Set<String> cpusSeen = new HashSet<>();
    for (PodAllocation allocation : state.allocations()) {
      NodeInventory inventory = inventories.get(allocation.nodeName());
      Topology topology = inventory.topology();
      PodRequest request = requests.get(allocation.pod());
      Set<Integer> numas = new HashSet<>();
      for (ContainerGrant grant : allocation.containers()) {
        int wanted =
            request.containers().stream()
                .filter(c -> c.name().equals(grant.name()))
                .findFirst()
                .orElseThrow()
                .exclusiveCpus();
        assertThat(grant.cpus().size())
            .as("CPUs of %s/%s", allocation.pod(), grant.name())
            .isEqualTo(wanted);
        if (inventory.smtPolicy() == SmtPolicy.IDLE_SIBLINGS) {
          // one CPU per core
          assertThat(
                  topology.coresWithin(topology.online()).stream()
                      .filter(core -> core.cpus().intersects(grant.cpus()))
                      .count())
              .isEqualTo(wanted);
        }
      }
      CpuSet cpus = allocation.cpus();
      assertThat(cpus.intersects(inventory.reserved()))
          .as("reserved CPUs in %s", allocation)
          .isFalse();
      cpus.forEach(
          cpu -> {
            assertThat(cpusSeen.add(allocation.nodeName() + "/" + cpu))
                .as("CPU %s/%d has two owners", allocation.nodeName(), cpu)
                .isTrue();
            assertThat(state.owner(allocation.nodeName(), cpu)).contains(allocation.pod());
          });
      for (Core core : topology.cores()) {
        if (core.cpus().intersects(cpus)) {
          assertThat(inventory.isolated().containsAll(core.cpus()))
              .as("core %d of %s is not wholly isolated", core.id(), allocation.pod())
              .isTrue();
          PodKey other =
              coreOwners
                  .computeIfAbsent(allocation.nodeName(), k -> new HashMap<>())
                  .put(core.id(), allocation.pod());
          assertThat(other)
              .as(
                  "core %s/%d shared by %s and %s",
                  allocation.nodeName(), core.id(), other, allocation.pod())
              .isNull();
          numas.add(core.numaNode());
        }
      }
      if (inventory.numaPolicy() == NumaPolicy.SINGLE_NODE_REQUIRED) {
        assertThat(numas)
            .as("NUMA nodes of %s", allocation.pod())
            .isSubsetOf(Set.of(allocation.numaNode()));
        assertThat(allocation.hugepages())
            .allSatisfy(h -> assertThat(h.numaNode()).isEqualTo(allocation.numaNode()));
      }
    }
    inventories.forEach(
        (name, inventory) -> {
          for (var numa : inventory.topology().numaNodes()) {
            if (numa.id() < 0) {
              continue;
            }
            assertThat(state.freeHugepageBytes(name, numa.id(), TopologyFixtures.SIZE_2MI))
                .isNotNegative();
          }
        });
  }
}
