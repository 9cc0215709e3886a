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
 * of no tenant in arrival order. The {@link AdmissionPlanner} decides each attempt, the {@link
 * PlacementCommitter} writes the CoreAllocation and binds; this step keeps the allocation state
 * (assume before the commit, forget when it fails) and the queue. Pods left pending get
 * PodScheduled=False with the reason.
 */
public final class AdmissionStep {
  private final ClusterView view;
  private final PlacementCommitter committer;
  private final PendingGauge pendingGauge;
  private final OperatorMetrics metrics;

  public AdmissionStep(
      ClusterView view,
      PlacementCommitter committer,
      PendingGauge pendingGauge,
      OperatorMetrics metrics) {
    this.view = view;
    this.committer = committer;
    this.pendingGauge = pendingGauge;
    this.metrics = metrics;
  }

  AdmissionReport admit(Ledger ledger, NodeCatalog catalog, TenantDirectory tenants, Instant now) {
    AdmissionPlanner.Intake intake =
        AdmissionPlanner.intake(view.pendingPods(), ledger.state, tenants);
    Map<PodKey, String> unschedulable = new LinkedHashMap<>();
    for (AdmissionPlanner.Rejection rejection : intake.rejections()) {
      reject(rejection, unschedulable);
    }
    Map<PodKey, Candidate> candidates = new LinkedHashMap<>();
    intake.candidates().forEach(c -> candidates.put(c.key(), c));
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
    for (Candidate c : candidates.values()) {
      if (ledger.state.allocation(c.key()).isEmpty()) {
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
    for (Pod pod : intake.pending()) {
      if (ledger.state.allocation(Pods.key(pod)).isEmpty()) {
        stillPending.add(pod.getMetadata().getUid());
      }
    }
    committer.retainPending(stillPending);
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

  /** One attempt: the planner decides, the state assumes the placement, the committer commits. */
  private OptionalInt attempt(
      Ledger ledger, AdmissionPlanner planner, Candidate c, List<PodKey> placed) {
    if (planner.failed(c.key())) {
      // Within a cycle cores are only taken, never freed: a pod that did not fit still does not.
      return OptionalInt.empty();
    }
    long start = System.nanoTime();
    OptionalInt cores = OptionalInt.empty();
    PlacementOutcome outcome = PlacementOutcome.UNSCHEDULABLE;
    if (planner.decide(c) instanceof AdmissionPlanner.Placement placement) {
      ledger.state.adopt(placement.placed().allocation());
      if (committer.commit(placement) instanceof Failed failed) {
        ledger.state.release(c.key());
        planner.failed(c.key(), failed.reason());
        outcome = PlacementOutcome.ERROR;
      } else {
        ledger.boundByUs.add(c.key());
        planner.placed(placement);
        placed.add(c.key());
        cores = OptionalInt.of(placement.placed().cores());
        outcome = PlacementOutcome.PLACED;
      }
    }
    metrics.recordPlacement(Duration.ofNanos(System.nanoTime() - start), outcome);
    return cores;
  }
}
