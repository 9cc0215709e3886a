package io.isocore.operator.app;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.isocore.core.admission.AdmissionQueue;
import io.isocore.core.pod.PodKey;
import io.isocore.kube.events.EventRecorder;
import io.isocore.operator.catalog.ClusterView;
import io.isocore.operator.kube.Binder;
import io.isocore.operator.kube.CoreAllocationWriter;
import io.isocore.operator.kube.PodConditionPublisher;
import io.isocore.operator.kube.StatusPublisher;
import io.isocore.operator.metrics.OperatorMetrics;
import io.isocore.operator.scheduler.AdmissionStep;
import io.isocore.operator.scheduler.ApiPlacementCommitter;
import io.isocore.operator.scheduler.PendingGauge;
import io.isocore.operator.scheduler.ReleaseStep;
import io.isocore.operator.scheduler.SchedulingReconciler;
import io.isocore.operator.scheduler.StatusStep;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Builds the scheduling reconciler and gives each step the adapters it uses, and no others. The
 * application and the integration tests assemble it the same way; they differ in the binder, the
 * admission policy and where Events are sent.
 */
public final class SchedulerAssembly {
  private SchedulerAssembly() {}

  /**
   * @param view the informers' caches
   * @param newQueue a fresh admission queue per leadership term
   * @param inflationAllowed tenants the configuration lets inflate their tickets
   */
  public static SchedulingReconciler reconciler(
      KubernetesClient client,
      ClusterView view,
      Binder binder,
      EventRecorder events,
      Supplier<AdmissionQueue> newQueue,
      Set<String> inflationAllowed,
      OperatorMetrics metrics,
      Clock clock) {
    CoreAllocationWriter allocations = new CoreAllocationWriter(client);
    Function<PodKey, Optional<Pod>> podFromApi =
        key ->
            Optional.ofNullable(
                client.pods().inNamespace(key.namespace()).withName(key.name()).get());
    return new SchedulingReconciler(
        new SchedulingReconciler.Inputs(
            view,
            CoreReaders.topology(),
            newQueue,
            inflationAllowed,
            allocations::listAll,
            metrics,
            clock),
        new ReleaseStep(view, podFromApi, binder, allocations, events),
        new AdmissionStep(
            view,
            new ApiPlacementCommitter(
                allocations, binder, events, new PodConditionPublisher(client, clock)),
            new PendingGauge(metrics),
            metrics),
        new StatusStep(view, new StatusPublisher(client), events, metrics));
  }
}
