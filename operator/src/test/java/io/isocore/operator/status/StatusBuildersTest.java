package io.isocore.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.isocore.api.v1alpha1.IsolationProfile;
import io.isocore.api.v1alpha1.LatencyTenant;
import io.isocore.core.admission.TenantStatus;
import io.isocore.operator.app.CoreReaders;
import io.isocore.operator.catalog.NodeCatalog;
import io.isocore.operator.testing.ClusterFixtures;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusBuildersTest {
  static final Instant T0 = Instant.parse("2026-11-24T06:00:00Z");
  static final Instant T1 = Instant.parse("2026-11-24T07:00:00Z");

  @Test
  void tenantStatusCarriesFiguresAndKeepsTransitionTimeWhileUnchanged() {
    LatencyTenant tenant = ClusterFixtures.tenant("fx", 3, "fx-md");
    tenant.getMetadata().setGeneration(4L);
    var figures = new TenantStatus("fx", 3, false, 11.2549, 10, 3, 42, Optional.empty());
    var first =
        TenantStatuses.build(
            tenant, figures, Optional.empty(), List.of(), Map.of(10, 1.004, 100, -0.001), T0);
    assertThat(first.entitledCores()).isEqualTo(11.25);
    assertThat(first.shareErrorCores().last10()).isEqualTo(1.0);
    assertThat(first.shareErrorCores().last100()).as("rounded, never -0.0").isEqualTo(0.0);
    assertThat(first.shareErrorCores().last1000()).isEqualTo(0.0);
    assertThat(TenantStatuses.urgent(null, first)).isTrue();
    assertThat(first.observedGeneration()).isEqualTo(4L);
    assertThat(first.conditions())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.getStatus()).isEqualTo("True");
              assertThat(c.getLastTransitionTime()).isEqualTo("2026-11-24T06:00:00Z");
            });
    tenant.setStatus(first);
    assertThat(
            TenantStatuses.build(tenant, figures, Optional.empty(), List.of(), Map.of(10, 1.0), T1))
        .isEqualTo(first);
    var broken =
        TenantStatuses.build(
            tenant, figures, Optional.of("tenant fx has 0 tickets"), List.of(), Map.of(), T1);
    assertThat(TenantStatuses.urgent(first, broken)).as("Ready changed").isTrue();
    var moreCores =
        TenantStatuses.build(
            tenant,
            new TenantStatus("fx", 3, false, 11.2549, 12, 2, 50, Optional.empty()),
            Optional.empty(),
            List.of(),
            Map.of(),
            T1);
    assertThat(TenantStatuses.urgent(first, moreCores)).as("figures only").isFalse();
    assertThat(broken.conditions().getFirst().getLastTransitionTime())
        .isEqualTo("2026-11-24T07:00:00Z");
    assertThat(broken.conditions().getFirst().getReason()).isEqualTo("InvalidSpec");
  }

  @Test
  void profileStatusListsNodesCpusAndTheKernelCommandLine() {
    IsolationProfile profile = ClusterFixtures.profile("latency", "0,16");
    var catalog =
        NodeCatalog.build(
            List.of(ClusterFixtures.node("n0", 32), ClusterFixtures.node("bare", 32)),
            n ->
                n.equals("n0")
                    ? Optional.of(ClusterFixtures.topology(n, 1, 2, 8, 2))
                    : Optional.empty(),
            List.of(profile),
            CoreReaders.topology());
    var status = ProfileStatuses.build(profile, catalog, T0);
    assertThat(status.matchedNodes()).isEqualTo(2);
    var n0 = status.nodes().stream().filter(n -> n.node().equals("n0")).findFirst().orElseThrow();
    assertThat(n0.isolatedCpus()).isEqualTo("1-15,17-31");
    assertThat(n0.recommendedKernelCmdline())
        .isEqualTo(
            "isolcpus=managed_irq,domain,1-15,17-31 nohz_full=1-15,17-31 rcu_nocbs=1-15,17-31 irqaffinity=0,16");
    assertThat(status.conditions())
        .extracting(Condition::getType, Condition::getStatus)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Ready", "True"),
            org.assertj.core.groups.Tuple.tuple("Degraded", "True"));
    assertThat(status.conditions().get(1).getMessage()).contains("bare: node had no NodeTopology");
  }

  @Test
  void profileStatusStaysBoundedWhateverTheNodeCount() throws Exception {
    IsolationProfile profile = ClusterFixtures.profile("latency", "0,16");
    List<io.fabric8.kubernetes.api.model.Node> nodes = new java.util.ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      nodes.add(ClusterFixtures.node("node-" + i, 32));
    }
    // every third node has no NodeTopology yet: a finding each
    var catalog =
        NodeCatalog.build(
            nodes,
            n ->
                Integer.parseInt(n.substring(5)) % 3 == 0
                    ? Optional.empty()
                    : Optional.of(ClusterFixtures.topology(n, 1, 2, 8, 2)),
            List.of(profile),
            CoreReaders.topology());
    var status = ProfileStatuses.build(profile, catalog, T0);
    assertThat(status.matchedNodes()).isEqualTo(5_000);
    assertThat(status.degradedNodes()).isEqualTo(1_667);
    assertThat(status.usableNodes()).isEqualTo(3_333);
    assertThat(status.nodes()).hasSize(ProfileStatuses.EXAMPLE_NODES);
    assertThat(status.nodes()).allSatisfy(n -> assertThat(n.findings()).isNotEmpty());
    assertThat(status.conditions().get(1).getMessage())
        .startsWith("1667 of 5000 matched node(s) differ from the profile")
        .hasSizeLessThanOrEqualTo(1024);
    int bytes =
        io.fabric8.kubernetes.client.utils.Serialization.asJson(status)
            .getBytes(java.nio.charset.StandardCharsets.UTF_8)
            .length;
    // 5,000 nodes at ~250 bytes each used to be 1.2 MB, near etcd's 1.5 MiB object limit
    assertThat(bytes).as("status bytes for 5,000 nodes").isLessThan(4_096);
  }
}
