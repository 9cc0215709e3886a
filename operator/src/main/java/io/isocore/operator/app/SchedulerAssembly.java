package io.isocore.operator.app;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.isocore.core.admission.AdmissionQueue;
import io.isocore.core.pod.PodKey;
import io.isocore.kube.events.EventRecorder;
import io.isocore.operator.catalog.ClusterView;
import io.isocore.operator.kube.Binder;
import io.isocore.operator.kube.CoreAllocationWriter;
import io.isocore.operator.kube.LeaseFence;
import io.isocore.operator.kube.PodConditionPublisher;
import io.isocore.operator.kube.StatusPublisher;
import io.isocore.operator.metrics.OperatorMetrics;
import io.isocore.operator.scheduler.AdmissionStep;
import io.isocore.operator.scheduler.ApiPlacementCommitter;
import io.isocore.operator.scheduler.CommitPipeline;
import io.isocore.operator.scheduler.PendingGauge;
import io.isocore.operator.scheduler.ReadBack;
import io.isocore.operator.scheduler.ReleaseStep;
import io.isocore.operator.scheduler.RepairStep;
import io.isocore.operator.scheduler.SchedulingReconciler;
import io.isocore.operator.scheduler.StatusStep;
import io.isocore.operator.scheduler.TransferStep;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Builds the scheduling reconciler and gives each step the adapters it uses, and no others. The
 * application and the integration tests assemble it the same way; they differ in the binder, the
 * admission policy, the commit pipeline (concurrent or inline), the Lease fence and where Events
 * are sent.
 */
public final class SchedulerAssembly {
  /**
   * Scheduled Events and allocation Pending phases per second (each) when commits are pipelined:
   * beyond it they are skipped, so they never crowd out commits (client-go's event spam filter
   * bounds the kube-scheduler's Events likewise). Inline commits write every one.
   */
  static final int NORMAL_WRITES_PER_SECOND = 25;

  private SchedulerAssembly() {}

  /**
   * How commits run.
   *
   * @param fence checked before every write
   * @param maxInFlight commits running at once; 0 commits inline on the scheduling thread
   * @param onCommitDone called after each concurrent commit (wakes the scheduling loop)
   */
  public record Commits(LeaseFence fence, int maxInFlight, Runnable onCommitDone) {
    /** Inline commits, no Lease: one replica driven by a test. */
    public static final Commits INLINE = new Commits(LeaseFence.ALWAYS, 0, () -> {});
  }

  /**
   * As {@link #reconciler(KubernetesClient, ClusterView, Binder, EventRecorder, Supplier, Set,
   * OperatorMetrics, Clock, Commits)} with inline commits and no fence.
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
    return reconciler(
        client, view, binder, events, newQueue, inflationAllowed, metrics, clock, Commits.INLINE);
  }

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
      Clock clock,
      Commits commits) {
    CoreAllocationWriter allocations = new CoreAllocationWriter(client);
    Function<PodKey, Optional<Pod>> podFromApi =
        key ->
            Optional.ofNullable(
                client.pods().inNamespace(key.namespace()).withName(key.name()).get());
    PodConditionPublisher conditions = new PodConditionPublisher(client, clock);
    ApiPlacementCommitter committer =
        new ApiPlacementCommitter(
            allocations,
            binder,
            events,
            conditions,
            commits.fence(),
            new ReadBack(podFromApi, allocations::get, Duration.ofMillis(100), 4),
            statusWriter(commits.maxInFlight()),
            commits.maxInFlight() <= 0 ? 0 : NORMAL_WRITES_PER_SECOND);
    CommitPipeline pipeline =
        commits.maxInFlight() <= 0
            ? CommitPipeline.inline(committer)
            : CommitPipeline.concurrent(committer, commits.maxInFlight(), commits.onCommitDone());
    return new SchedulingReconciler(
        new SchedulingReconciler.Inputs(
            view,
            CoreReaders.topology(),
            newQueue,
            inflationAllowed,
            allocations::listAll,
            metrics,
            clock),
        new ReleaseStep(view, podFromApi, binder, allocations, events, commits.fence()),
        new RepairStep(view, allocations, events, commits.fence()),
        new AdmissionStep(view, pipeline, new PendingGauge(metrics), metrics),
        new TransferStep(view, allocations, events, conditions, commits.fence()),
        new StatusStep(view, new StatusPublisher(client), events, metrics));
  }

  /** Where an allocation's Pending phase is written: off the commit threads when they run. */
  private static Executor statusWriter(int maxInFlight) {
    if (maxInFlight <= 0) {
      return Runnable::run;
    }
    return Executors.newSingleThreadExecutor(
        r -> {
          Thread t = new Thread(r, "isocore-allocation-status");
          t.setDaemon(true);
          return t;
        });
  }
}
