package io.isocore.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.kube.metrics.ScrapeResponse;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The operator's contract rows, rendered by the same code the /metrics route uses. */
class OperatorMetricsTest {

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final OperatorMetrics metrics = new OperatorMetrics(registry);

  private String text() {
    return new String(
        ScrapeResponse.render(registry, "text/plain;version=0.0.4").body(), StandardCharsets.UTF_8);
  }

  private static List<String> lines(String text, String prefix) {
    return text.lines().filter(l -> l.startsWith(prefix)).toList();
  }

  @Test
  void contractNamesAndTypesExistBeforeAnyCall() {
    String t = text();
    assertThat(t)
        .contains("# TYPE isocore_placement_duration_seconds histogram")
        .contains("# TYPE isocore_placements_total counter")
        .contains("# TYPE isocore_operator_leader gauge");
    // per-tenant families have no series (and no TYPE line) until a tenant is set
    assertThat(lines(t, "isocore_placements_total{"))
        .containsExactlyInAnyOrder(
            "isocore_placements_total{outcome=\"error\"} 0.0",
            "isocore_placements_total{outcome=\"placed\"} 0.0",
            "isocore_placements_total{outcome=\"unschedulable\"} 0.0");
    assertThat(lines(t, "isocore_operator_leader ")).containsExactly("isocore_operator_leader 0.0");
  }

  @Test
  void placementsGoIntoClassicBucketsFrom50MicrosecondsTo60Seconds() {
    metrics.recordPlacement(Duration.ofNanos(70_000), PlacementOutcome.PLACED);
    metrics.recordPlacement(Duration.ofMillis(3), PlacementOutcome.PLACED);
    metrics.recordPlacement(Duration.ofSeconds(2), PlacementOutcome.UNSCHEDULABLE);
    String t = text();
    List<String> placed = lines(t, "isocore_placement_duration_seconds_bucket{outcome=\"placed\"");
    assertThat(placed).hasSize(20); // 19 bounds (50 µs to 60 s) + +Inf
    assertThat(placed.get(18))
        .isEqualTo("isocore_placement_duration_seconds_bucket{outcome=\"placed\",le=\"60.0\"} 2");
    assertThat(
            lines(
                t,
                "isocore_placement_duration_seconds_bucket{outcome=\"unschedulable\",le=\"2.5\"}"))
        .containsExactly(
            "isocore_placement_duration_seconds_bucket{outcome=\"unschedulable\",le=\"2.5\"} 1");
    assertThat(placed.get(0))
        .isEqualTo("isocore_placement_duration_seconds_bucket{outcome=\"placed\",le=\"5.0E-5\"} 0");
    assertThat(placed.get(1))
        .isEqualTo("isocore_placement_duration_seconds_bucket{outcome=\"placed\",le=\"1.0E-4\"} 1");
    assertThat(placed.get(13))
        .isEqualTo("isocore_placement_duration_seconds_bucket{outcome=\"placed\",le=\"1.0\"} 2");
    assertThat(
            lines(
                t,
                "isocore_placement_duration_seconds_bucket{outcome=\"unschedulable\",le=\"1.0\"}"))
        .containsExactly(
            "isocore_placement_duration_seconds_bucket{outcome=\"unschedulable\",le=\"1.0\"} 0");
    assertThat(lines(t, "isocore_placements_total{outcome=\"placed\"}"))
        .containsExactly("isocore_placements_total{outcome=\"placed\"} 2.0");
  }

  @Test
  void tenantsPendingAndLeadership() {
    metrics.setPending("fx", 3);
    metrics.setPending(null, 1);
    metrics.setTenant("fx", 150, 4.5, 4);
    metrics.setLeader(true);
    String t = text();
    assertThat(t)
        .contains("# TYPE isocore_pending_pods gauge")
        .contains("# TYPE isocore_tenant_effective_tickets gauge")
        .contains("# TYPE isocore_tenant_entitled_cores gauge")
        .contains("# TYPE isocore_tenant_allocated_cores gauge")
        .contains("isocore_pending_pods{tenant=\"fx\"} 3.0")
        .contains("isocore_pending_pods{tenant=\"\"} 1.0")
        .contains("isocore_tenant_effective_tickets{tenant=\"fx\"} 150.0")
        .contains("isocore_tenant_entitled_cores{tenant=\"fx\"} 4.5")
        .contains("isocore_tenant_allocated_cores{tenant=\"fx\"} 4.0")
        .contains("isocore_operator_leader 1.0");

    metrics.removeTenant("fx");
    assertThat(text()).doesNotContain("tenant=\"fx\"");
  }

  @Test
  void oldestPendingPodPerTenantFromTheLeaderOnly() {
    metrics.setPendingOldest("fx", Duration.ofMinutes(16));
    metrics.setPendingOldest(null, Duration.ZERO);
    String t = text();
    assertThat(t)
        .contains("# TYPE isocore_pending_pod_oldest_seconds gauge")
        .contains("isocore_pending_pod_oldest_seconds{tenant=\"fx\"} 960.0")
        .contains("isocore_pending_pod_oldest_seconds{tenant=\"\"} 0.0");
    metrics.removeTenant("fx");
    assertThat(text()).doesNotContain("isocore_pending_pod_oldest_seconds{tenant=\"fx\"}");
    // a replica that stops leading exports no cluster figures, but still says it does not lead
    metrics.setLeader(true);
    metrics.setPending("fx", 2);
    metrics.setPendingOldest("fx", Duration.ofSeconds(30));
    metrics.setLeader(false);
    metrics.clearClusterGauges();
    String standby = text();
    assertThat(lines(standby, "isocore_pending_pod_oldest_seconds{")).isEmpty();
    assertThat(lines(standby, "isocore_pending_pods{")).isEmpty();
    assertThat(lines(standby, "isocore_operator_leader "))
        .containsExactly("isocore_operator_leader 0.0");
  }

  @Test
  void protobufIsNegotiated() {
    ScrapeResponse r =
        ScrapeResponse.render(
            registry,
            "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited");
    assertThat(r.contentType()).startsWith("application/vnd.google.protobuf");
    assertThat(ScrapeResponse.render(registry, null).contentType()).startsWith("text/plain");
  }
}
