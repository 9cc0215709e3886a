package io.isocore.operator.scheduler;

import io.fabric8.kubernetes.api.model.Pod;
import io.isocore.core.admission.PendingPod;
import io.isocore.core.alloc.SmtPolicy;
import io.isocore.core.pod.PodKey;
import io.isocore.operator.catalog.ClusterView;
import io.isocore.operator.catalog.NodeCatalog;
import io.isocore.operator.catalog.TenantDirectory;
import io.isocore.operator.metrics.OperatorMetrics;
import io.isocore.operator.metrics.PlacementOutcome;
import io.isocore.operator.pod.Pods;
import io.isocore.operator.scheduler.AdmissionPlanner.Candidate;
import io.isocore.operator.scheduler.PlacementCommitter.Failed;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Admits pending pods: tenants' pods in the admission queue's order (stride or lottery), then pods
 * of no tenant in arrival order. The {@link AdmissionPlanner} decides each attempt against the
 * assumed state, the {@link CommitPipeline} commits (CoreAllocation, then Binding) while the next
 * pods are decided; this step keeps the allocation state (assume before the commit, forget when it
 * fails) and the queue, and settles finished commits. A pod whose commit failed waits out a backoff
 * (1 s doubling to 10 s, as the kube-scheduler's). Pods left pending get PodScheduled=False with
 * the reason.
 */
public final class AdmissionStep {
  static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

  private final ClusterView view;
  private final CommitPipeline pipeline;
  private final PlacementCommitter committer;
  private final PendingGauge pendingGauge;
  private final OperatorMetrics metrics;

  public AdmissionStep(
      ClusterView view,
      CommitPipeline pipeline,
      PendingGauge pendingGauge,
      OperatorMetrics metrics) {
    this.view = view;
    this.pipeline = pipeline;
    this.committer = pipeline.committer();
    this.pendingGauge = pendingGauge;
    this.metrics = metrics;
  }

  /**
   * Applies the commits finished since the last call: a committed pod is bound by us, a failed one
   * gives its assumed cores back and waits out its backoff, an unresolved one keeps its cores.
   */
  void settle(Ledger ledger, Instant now) {
    for (CommitPipeline.Done done : pipeline.drain()) {
      AdmissionPlanner.Placement placement = done.placement();
      PodKey key = placement.candidate().key();
      ledger.inFlight.remove(key);
      committer.settled(placement, done.result());
      PlacementOutcome outcome = PlacementOutcome.PLACED;
      switch (done.result()) {
        case PlacementCommitter.Committed c -> {
          ledger.boundByUs.add(key);
          ledger.settledAt.put(key, now);
          ledger.backoff.remove(key);
          placement.transfer().ifPresent(t -> ledger.transfers.put(key, t));
        }
        case PlacementCommitter.Unresolved u -> ledger.settledAt.put(key, now);
        case Failed failed -> {
          outcome = PlacementOutcome.ERROR;
          int cores = ledger.state.heldCores(key);
          ledger.state.release(key);
          placement.candidate().tenant().ifPresent(t -> ledger.queue.release(t, cores));
          ledger.deleted.add(key);
          if (failed.allocationLeft()) {
            ledger.deletesToRetry.add(key);
          }
          int failures = ledger.backoff.containsKey(key) ? ledger.backoff.get(key).failures() : 0;
          Duration pause = FIRST_BACKOFF.multipliedBy(1L << Math.min(failures, 4));
          ledger.backoff.put(
              key,
              new Ledger.Backoff(
                  now.plus(pause.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : pause), failures + 1));
          committer.reject(
              new AdmissionPlanner.Rejection(
                  placement.candidate().pod(),
                  failed.reason(),
                  AdmissionPlanner.Rejection.Kind.UNSCHEDULABLE));
        }
      }
      metrics.recordPlacement(Duration.ofNanos(System.nanoTime() - done.startNanos()), outcome);
    }
  }

  AdmissionReport admit(Ledger ledger, NodeCatalog catalog, TenantDirectory tenants, Instant now) {
    AdmissionPlanner.Intake intake =
        AdmissionPlanner.intake(view.pendingPods(), ledger.state, tenants);
    Map<PodKey, String> unschedulable = new LinkedHashMap<>();
    for (AdmissionPlanner.Rejection rejection : intake.rejections()) {
      reject(rejection, unschedulable);
    }
    Map<PodKey, Candidate> candidates = new LinkedHashMap<>();
    for (Candidate c : intake.candidates()) {
      Ledger.Backoff b = ledger.backoff.get(c.key());
      if (b == null || !now.isBefore(b.until())) {
        candidates.put(c.key(), c);
      }
    }
    syncQueue(ledger, candidates, catalog);
    AdmissionPlanner planner =
        new AdmissionPlanner(
            view.nodes(),
            catalog,
            tenants,
            new NodeUsage(view, ledger.state),
            ledger.state,
            t -> ledger.queue.effectiveTickets(t, now));
    List<PodKey> placed = new ArrayList<>();
    ledger.queue.admitAll(
        now,
        pp -> {
          Candidate c = candidates.get(pp.pod());
          return c == null ? OptionalInt.empty() : attempt(ledger, planner, c, placed);
        });
    for (Candidate c : candidates.values()) {
      if (c.tenant().isEmpty()) {
        attempt(ledger, planner, c, placed);
      }
    }
    settle(ledger, now);
    for (Candidate c : candidates.values()) {
      Ledger.Backoff b = ledger.backoff.get(c.key());
      if (ledger.state.allocation(c.key()).isEmpty() && (b == null || !now.isBefore(b.until()))) {
        // A tenant's pod the queue never tried waits because its tenant is at its cap.
        String reason = planner.reason(c.key()).orElseGet(() -> planner.atCap(c.tenant().get()));
        reject(
            new AdmissionPlanner.Rejection(
                c.pod(), reason, AdmissionPlanner.Rejection.Kind.UNSCHEDULABLE),
            unschedulable);
      }
    }
    pendingGauge.publish(
        intake.pending(), key -> ledger.state.allocation(key).isPresent(), tenants);
    Set<String> stillPending = new HashSet<>();
    Set<PodKey> pendingKeys = new HashSet<>();
    for (Pod pod : intake.pending()) {
      pendingKeys.add(Pods.key(pod));
      if (ledger.state.allocation(Pods.key(pod)).isEmpty()) {
        stillPending.add(pod.getMetadata().getUid());
      }
    }
    committer.retainPending(stillPending);
    ledger.backoff.keySet().retainAll(pendingKeys);
    return new AdmissionReport(placed, unschedulable);
  }

  private void reject(AdmissionPlanner.Rejection rejection, Map<PodKey, String> unschedulable) {
    committer.reject(rejection);
    unschedulable.put(Pods.key(rejection.pod()), rejection.message());
  }

  /** Queues new pods, withdraws pods no longer pending or now of another tenant. */
  private static void syncQueue(
      Ledger ledger, Map<PodKey, Candidate> candidates, NodeCatalog catalog) {
    for (String tenant : ledger.queue.tenants()) {
      for (PendingPod queued : ledger.queue.pending(tenant)) {
        Candidate c = candidates.get(queued.pod());
        if (c == null || !c.tenant().equals(Optional.of(tenant))) {
          ledger.queue.withdraw(queued.pod());
        }
      }
    }
    int threads =
        catalog.inventories().values().stream()
            .filter(i -> i.smtPolicy() == SmtPolicy.FULL_CORES)
            .mapToInt(i -> i.topology().threadsPerCore())
            .max()
            .orElse(1);
    for (Candidate c : candidates.values()) {
      if (c.tenant().isPresent() && !ledger.queue.isQueued(c.key())) {
        int cpus = c.resources().request().exclusiveCpus();
        ledger.queue.offer(
            new PendingPod(c.key(), c.tenant().get(), (cpus + threads - 1) / threads));
      }
    }
  }

  /**
   * One attempt: the planner decides, the state assumes the placement (its cores are taken from now
   * on), the pipeline commits. The outcome is settled later; a failure gives the cores back.
   */
  private OptionalInt attempt(
      Ledger ledger, AdmissionPlanner planner, Candidate c, List<PodKey> placed) {
    if (planner.failed(c.key())) {
      // Within a cycle cores are only taken, never freed: a pod that did not fit still does not.
      return OptionalInt.empty();
    }
    long start = System.nanoTime();
    if (!(planner.decide(c) instanceof AdmissionPlanner.Placement placement)) {
      metrics.recordPlacement(
          Duration.ofNanos(System.nanoTime() - start), PlacementOutcome.UNSCHEDULABLE);
      return OptionalInt.empty();
    }
    ledger.state.adopt(placement.placed().allocation());
    ledger.inFlight.add(c.key());
    planner.placed(placement);
    placed.add(c.key());
    pipeline.submit(placement, start);
    return OptionalInt.of(placement.placed().cores());
  }
}
