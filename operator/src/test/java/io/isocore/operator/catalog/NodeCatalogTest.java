package io.isocore.operator.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.isocore.api.v1alpha1.CpuHealth;
import io.isocore.api.v1alpha1.NodeTopology;
import io.isocore.api.v1alpha1.NodeTopologyStatus;
import io.isocore.operator.app.CoreReaders;
import io.isocore.operator.testing.ClusterFixtures;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NodeCatalogTest {
  static final TopologyReader READER = CoreReaders.topology();

  @Test
  void usableNodeGetsAnInventoryWithTheKernelsIsolatedCpusMinusReserved() {
    NodeTopology topology = ClusterFixtures.topology("n0", 1, 2, 8, 2);
    NodeCatalog catalog =
        NodeCatalog.build(
            List.of(ClusterFixtures.node("n0", 32)),
            name -> Optional.of(topology),
            List.of(ClusterFixtures.profile("p", "0,16")),
            READER);
    assertThat(catalog.unusable()).isEmpty();
    var inventory = catalog.inventories().get("n0");
    assertThat(inventory.reserved().toListString()).isEqualTo("0,16");
    assertThat(inventory.isolated().toListString()).isEqualTo("1-15,17-31");
    assertThat(inventory.nicNumaNodes()).containsEntry("ens1f0", 1);
    assertThat(catalog.profileNodes()).containsEntry("p", List.of("n0"));
  }

  @Test
  void everyReasonANodeIsOutIsNamed() {
    Node plain = ClusterFixtures.node("plain", 32);
    plain.getMetadata().setLabels(Map.of());
    Node bare = ClusterFixtures.node("bare", 32);
    NodeCatalog none =
        NodeCatalog.build(
            List.of(plain, bare),
            n -> Optional.empty(),
            List.of(ClusterFixtures.profile("p", "0")),
            READER);
    assertThat(none.unusable())
        .containsEntry("plain", "node(s) matched no IsolationProfile")
        .containsEntry("bare", "node(s) had no NodeTopology (is the isocore agent running there?)");

    NodeCatalog two =
        NodeCatalog.build(
            List.of(bare),
            n -> Optional.of(ClusterFixtures.topology(n, 1, 1, 4, 2)),
            List.of(ClusterFixtures.profile("b", "0"), ClusterFixtures.profile("a", "0")),
            READER);
    assertThat(two.unusable())
        .containsEntry("bare", "node(s) matched several IsolationProfiles (a, b)");

    NodeCatalog invalid =
        NodeCatalog.build(
            List.of(bare),
            n -> Optional.of(ClusterFixtures.topology(n, 1, 1, 4, 2)),
            List.of(ClusterFixtures.profile("bad", "0-3", "2-5")),
            READER);
    assertThat(invalid.unusable())
        .containsEntry("bare", "node(s) had an invalid IsolationProfile bad");
    assertThat(invalid.profileProblems().get("bad")).contains("overlap on 2-3");
  }

  @Test
  void agentQuarantinedCpuIsExcludedEvenWithoutAThreshold() {
    NodeTopology topology = ClusterFixtures.topology("n0", 1, 1, 4, 2);
    NodeTopologyStatus s = topology.getStatus();
    topology.setStatus(
        new NodeTopologyStatus(
            s.sockets(),
            s.numaNodes(),
            s.cores(),
            s.cpus(),
            s.l3Groups(),
            s.cpusOnline(),
            s.cpusOffline(),
            s.isolation(),
            s.nics(),
            s.cgroup(),
            s.environment(),
            List.of(
                new CpuHealth(3, 900L, 500L, 1.0, null, true),
                new CpuHealth(2, 900L, 500L, 1.0, null, false)),
            s.lastRefreshTime(),
            s.conditions()));
    var inventory =
        NodeCatalog.build(
                List.of(ClusterFixtures.node("n0", 8)),
                n -> Optional.of(topology),
                List.of(ClusterFixtures.profile("p", "0,4")),
                READER)
            .inventories()
            .get("n0");
    assertThat(inventory.quarantined(3)).isTrue();
    assertThat(inventory.quarantined(2)).isFalse();
  }

  static NodeTopology withHealth(NodeTopology topology, List<CpuHealth> health) {
    NodeTopologyStatus s = topology.getStatus();
    topology.setStatus(
        new NodeTopologyStatus(
            s.sockets(),
            s.numaNodes(),
            s.cores(),
            s.cpus(),
            s.l3Groups(),
            s.cpusOnline(),
            s.cpusOffline(),
            s.isolation(),
            s.nics(),
            s.cgroup(),
            s.environment(),
            health,
            s.lastRefreshTime(),
            s.conditions()));
    return topology;
  }

  @Test
  void aPoisonCpuIdInCpuHealthRemovesOnlyItsNodeQuickly() {
    for (int cpu : new int[] {Integer.MAX_VALUE, 300_000_000}) {
      NodeTopology poison =
          withHealth(
              ClusterFixtures.topology("bad", 1, 1, 4, 2),
              List.of(new CpuHealth(cpu, 900L, 500L, 1.0, null, false)));
      NodeTopology good = ClusterFixtures.topology("good", 1, 1, 4, 2);
      long start = System.nanoTime();
      NodeCatalog catalog =
          NodeCatalog.build(
              List.of(ClusterFixtures.node("bad", 8), ClusterFixtures.node("good", 8)),
              n -> Optional.of(n.equals("bad") ? poison : good),
              List.of(ClusterFixtures.profile("p", "0,4")),
              READER);
      assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
      assertThat(catalog.inventories()).containsOnlyKeys("good");
      assertThat(catalog.unusable())
          .containsEntry(
              "bad",
              "node(s) had an unreadable NodeTopology (NodeTopology bad: status.cpuHealth[].cpu is '"
                  + cpu
                  + "'; expected an id from 0 to 8191)");
    }
  }
}
