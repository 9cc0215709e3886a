package io.isocore.operator.scheduler;

import io.fabric8.kubernetes.api.model.Pod;
import io.isocore.core.pod.PodKey;
import io.isocore.operator.catalog.TenantDirectory;
import io.isocore.operator.metrics.OperatorMetrics;
import io.isocore.operator.pod.Pods;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * isocore_pending_pods and isocore_pending_pod_oldest_seconds per tenant ("" for pods of no
 * tenant): how many pods wait, and how long the oldest of them has waited since it was created;
 * labels of gone tenants dropped.
 */
public final class PendingGauge {
  private final OperatorMetrics metrics;
  private final Clock clock;
  private final Set<String> labels = new HashSet<>();

  public PendingGauge(OperatorMetrics metrics) {
    this(metrics, Clock.systemUTC());
  }

  public PendingGauge(OperatorMetrics metrics, Clock clock) {
    this.metrics = metrics;
    this.clock = clock;
  }

  void publish(Collection<Pod> pending, Predicate<PodKey> placed, TenantDirectory tenants) {
    Map<String, Integer> counts = new HashMap<>();
    Map<String, Instant> oldest = new HashMap<>();
    tenants.tenants().keySet().forEach(t -> counts.put(t, 0));
    counts.put("", 0);
    Instant now = clock.instant();
    for (Pod pod : pending) {
      PodKey key = Pods.key(pod);
      if (!placed.test(key)) {
        String tenant = tenants.namespaces().getOrDefault(key.namespace(), "");
        counts.merge(tenant, 1, Integer::sum);
        oldest.merge(tenant, created(pod, now), (a, b) -> a.isBefore(b) ? a : b);
      }
    }
    for (String gone : Set.copyOf(labels)) {
      if (!counts.containsKey(gone)) {
        metrics.removeTenant(gone);
        labels.remove(gone);
      }
    }
    counts.forEach(metrics::setPending);
    counts.forEach(
        (tenant, n) ->
            metrics.setPendingOldest(
                tenant, Duration.between(oldest.getOrDefault(tenant, now), now)));
    labels.addAll(counts.keySet());
  }

  /** When the pod was created; now when the API server did not say (or said nonsense). */
  private static Instant created(Pod pod, Instant now) {
    String created = pod.getMetadata().getCreationTimestamp();
    if (created == null) {
      return now;
    }
    try {
      Instant at = Instant.parse(created);
      return at.isAfter(now) ? now : at;
    } catch (DateTimeParseException e) {
      return now;
    }
  }
}
