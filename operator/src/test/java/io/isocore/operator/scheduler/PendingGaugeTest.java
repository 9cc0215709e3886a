package io.isocore.operator.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.isocore.kube.metrics.ScrapeResponse;
import io.isocore.operator.catalog.TenantDirectory;
import io.isocore.operator.metrics.OperatorMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pending gauges the IsocorePodsPendingTooLong alert reads. */
class PendingGaugeTest {

  static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  static Pod pod(String name, String created) {
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace("default")
        .withName(name)
        .withUid(name)
        .withCreationTimestamp(created)
        .endMetadata()
        .build();
  }

  @Test
  void oldestWaitingPodAgeAndCount() {
    PrometheusRegistry registry = new PrometheusRegistry();
    PendingGauge gauge =
        new PendingGauge(new OperatorMetrics(registry), Clock.fixed(NOW, ZoneOffset.UTC));
    List<Pod> pending =
        List.of(
            pod("a", "2026-12-01T11:44:00Z"),
            pod("b", "2026-12-01T11:59:00Z"),
            pod("placed", "2026-12-01T10:00:00Z"),
            pod("no-time", null));
    gauge.publish(
        pending, key -> key.name().equals("placed"), TenantDirectory.of(List.of(), Set.of()));
    String text =
        new String(
            ScrapeResponse.render(registry, "text/plain;version=0.0.4").body(),
            StandardCharsets.UTF_8);
    assertThat(text).contains("isocore_pending_pods{tenant=\"\"} 3.0");
    // 16 minutes: the placed pod's hour does not count, a pod without a time counts as new.
    assertThat(text).contains("isocore_pending_pod_oldest_seconds{tenant=\"\"} 960.0");
    gauge.publish(List.of(), key -> false, TenantDirectory.of(List.of(), Set.of()));
    String after =
        new String(
            ScrapeResponse.render(registry, "text/plain;version=0.0.4").body(),
            StandardCharsets.UTF_8);
    assertThat(after).contains("isocore_pending_pod_oldest_seconds{tenant=\"\"} 0.0");
  }
}
