package io.isocore.operator.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.api.v1alpha1.TicketTransfer;
import io.isocore.core.alloc.PodAllocation;
import io.isocore.core.pod.PodKey;
import io.isocore.operator.catalog.TenantDirectory;
import io.isocore.operator.testing.ClusterFixtures;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TransferPlannerTest {
  private static final TenantDirectory TENANTS =
      TenantDirectory.of(
          List.of(
              ClusterFixtures.tenant("feeds", 200, "md", "md-2"),
              ClusterFixtures.tenant("other", 100, "elsewhere")),
          Set.of());

  private static PodAllocation held(String ns, String name, String node, String tenant) {
    return new PodAllocation(
        new PodKey(ns, name), "uid-" + name, node, 0, Optional.ofNullable(tenant), List.of());
  }

  private static final PodAllocation LENDER = held("md", "feed", "n0", "feeds");
  private static final Map<PodKey, PodAllocation> CLUSTER =
      Map.of(
          new PodKey("md", "packets"), held("md", "packets", "n0", "feeds"),
          new PodKey("md-2", "packets"), held("md-2", "packets", "n0", "feeds"),
          new PodKey("md", "far"), held("md", "far", "n1", "feeds"),
          new PodKey("elsewhere", "x"), held("elsewhere", "x", "n0", "other"));

  private static TransferPlanner.Decision decide(String annotation, long tickets) {
    return TransferPlanner.decide(
        LENDER, annotation, tickets, TENANTS, k -> Optional.ofNullable(CLUSTER.get(k)));
  }

  private static String refusal(String annotation) {
    return ((TransferPlanner.Decision.Refused) decide(annotation, 200)).reason();
  }

  @Test
  void aTargetOnTheSameNodeGetsTheTenantsTickets() {
    assertThat(decide("packets", 200))
        .isEqualTo(new TransferPlanner.Decision.Lend(new TicketTransfer("md", "packets", 200)));
    assertThat(decide(" md-2/packets ", 200))
        .as("another namespace of the same tenant")
        .isEqualTo(new TransferPlanner.Decision.Lend(new TicketTransfer("md-2", "packets", 200)));
    assertThat(decide(null, 200)).isInstanceOf(TransferPlanner.Decision.None.class);
    assertThat(decide("  ", 200)).isInstanceOf(TransferPlanner.Decision.None.class);
  }

  @Test
  void everyTransferThatCannotTakeEffectIsRefusedWithItsReason() {
    assertThat(refusal("far")).contains("node n1").contains("lender on n0");
    assertThat(refusal("nobody")).contains("md/nobody").contains("holds no isolated cores");
    assertThat(refusal("elsewhere/x")).contains("namespace elsewhere is not one of tenant feeds");
    assertThat(refusal("feed")).contains("itself");
    assertThat(refusal("a/b/c"))
        .contains("isocore.io/transfer-tickets-to")
        .contains("namespace/name");
    assertThat(refusal("Bad_Name")).contains("not a valid Kubernetes name");
    assertThat(refusal("x".repeat(300))).contains("...").hasSizeLessThan(200);
    assertThat(((TransferPlanner.Decision.Refused) decide("packets", 0)).reason())
        .contains("no tickets");
    assertThat(
            TransferPlanner.decide(
                held("md", "feed", "n0", null),
                "packets",
                200,
                TENANTS,
                k -> Optional.ofNullable(CLUSTER.get(k))))
        .isInstanceOf(TransferPlanner.Decision.Refused.class);
  }
}
