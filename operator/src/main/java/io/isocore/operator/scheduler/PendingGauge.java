package io.isocore.operator.scheduler;

import io.fabric8.kubernetes.api.model.Pod;
import io.isocore.core.pod.PodKey;
import io.isocore.operator.catalog.TenantDirectory;
import io.isocore.operator.metrics.OperatorMetrics;
import io.isocore.operator.pod.Pods;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** isocore_pending_pods per tenant ("" for pods of no tenant); labels of gone tenants dropped. */
public final class PendingGauge {
  private final OperatorMetrics metrics;
  private final Set<String> labels = new HashSet<>();

  public PendingGauge(OperatorMetrics metrics) {
    this.metrics = metrics;
  }

  void publish(Collection<Pod> pending, Predicate<PodKey> placed, TenantDirectory tenants) {
    Map<String, Integer> counts = new HashMap<>();
    tenants.tenants().keySet().forEach(t -> counts.put(t, 0));
    counts.put("", 0);
    for (Pod pod : pending) {
      PodKey key = Pods.key(pod);
      if (!placed.test(key)) {
        counts.merge(tenants.namespaces().getOrDefault(key.namespace(), ""), 1, Integer::sum);
      }
    }
    for (String gone : Set.copyOf(labels)) {
      if (!counts.containsKey(gone)) {
        metrics.removeTenant(gone);
        labels.remove(gone);
      }
    }
    counts.forEach(metrics::setPending);
    labels.addAll(counts.keySet());
  }
}
