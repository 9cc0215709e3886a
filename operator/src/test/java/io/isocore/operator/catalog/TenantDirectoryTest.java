package io.isocore.operator.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.api.v1alpha1.LatencyTenant;
import io.isocore.api.v1alpha1.LatencyTenantSpec;
import io.isocore.api.v1alpha1.TicketInflation;
import io.isocore.operator.testing.ClusterFixtures;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TenantDirectoryTest {

  @Test
  void namespacesMapToTheirTenantAndContestedOnesToNone() {
    var dir =
        TenantDirectory.of(
            List.of(
                ClusterFixtures.tenant("fx", 10, "fx-md", "shared"),
                ClusterFixtures.tenant("eq", 5, "eq-md", "shared")),
            Set.of());
    assertThat(dir.namespaces())
        .containsEntry("fx-md", "fx")
        .containsEntry("eq-md", "eq")
        .doesNotContainKey("shared");
    assertThat(dir.contested()).containsEntry("shared", Set.of("fx", "eq"));
    assertThat(dir.contestedNamespaces("fx")).containsExactly("shared");
    assertThat(dir.invalidReason("fx")).isEmpty();
  }

  @Test
  void zeroTicketsNoNamespacesAndBadWindowsAreInvalid() {
    LatencyTenant noNamespaces = ClusterFixtures.tenant("empty", 3);
    LatencyTenant badWindow = ClusterFixtures.tenant("window", 3, "w");
    badWindow.setSpec(
        new LatencyTenantSpec(
            List.of("w"), 3, null, new TicketInflation(2.0, "not-a-time", "2026-11-24T10:00:00Z")));
    var dir =
        TenantDirectory.of(
            List.of(ClusterFixtures.tenant("broke", 0, "b"), noNamespaces, badWindow), Set.of());
    assertThat(dir.invalidReason("broke")).get().asString().contains("spec.tickets: 0 tickets");
    assertThat(dir.invalidReason("empty")).get().asString().contains("spec.namespaces");
    assertThat(dir.invalidReason("window")).get().asString().contains("spec.inflation");
    assertThat(dir.invalidReason("ghost")).contains("no LatencyTenant named ghost");
  }

  @Test
  void ticketsAboveTheMaximumAreInvalidThoughTheSchemaWasBypassed() {
    var dir =
        TenantDirectory.of(
            List.of(
                ClusterFixtures.tenant("greedy", 2_000_000, "g"),
                ClusterFixtures.tenant("max", 1_000_000, "m")),
            Set.of());
    assertThat(dir.invalidReason("greedy"))
        .get()
        .asString()
        .contains("spec.tickets: 2000000 tickets is outside 1..1000000");
    assertThat(dir.invalidReason("max")).isEmpty();
  }

  @Test
  void inflationOnlyForAllowedTenants() {
    LatencyTenant t = ClusterFixtures.tenant("fx", 10, "fx-md");
    t.setSpec(
        new LatencyTenantSpec(
            List.of("fx-md"),
            10,
            null,
            new TicketInflation(3.0, "2026-11-24T13:30:00Z", "2026-11-24T14:00:00Z")));
    Instant inside = Instant.parse("2026-11-24T13:45:00Z");
    assertThat(
            TenantDirectory.of(List.of(t), Set.of("fx"))
                .tenants()
                .get("fx")
                .effectiveTickets(inside, 2))
        .isEqualTo(20);
    assertThat(
            TenantDirectory.of(List.of(t), Set.of())
                .tenants()
                .get("fx")
                .effectiveTickets(inside, 2))
        .isEqualTo(10);
  }
}
