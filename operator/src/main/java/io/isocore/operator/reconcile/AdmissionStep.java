package io.isocore.operator.reconcile;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.isocore.api.v1alpha1.TicketTransfer;
import io.isocore.core.admission.PendingPod;
import io.isocore.core.alloc.PlacementDecision;
import io.isocore.core.alloc.SmtPolicy;
import io.isocore.core.pod.PodKey;
import io.isocore.core.pod.PodRequest;
import io.isocore.operator.filter.NodeFilter;
import io.isocore.operator.filter.PodRequests;
import io.isocore.operator.filter.ResourceAmounts;
import io.isocore.operator.kube.CoreAllocations;
import io.isocore.operator.kube.EventReason;
import io.isocore.operator.metrics.PlacementOutcome;
import io.isocore.operator.scheduling.NodeCatalog;
import io.isocore.operator.scheduling.PodRequestReader;
import io.isocore.operator.scheduling.Pods;
import io.isocore.operator.scheduling.Shortfall;
import io.isocore.operator.scheduling.TenantDirectory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * Admits pending pods: tenants' pods in the admission queue's order (stride or lottery), then pods
 * of no tenant in arrival order. Each attempt filters nodes as the default scheduler would, lets
 * the allocator choose cores on the nodes left, writes the CoreAllocation, then binds; a failed
 * bind rolls the allocation back. Pods left pending get PodScheduled=False with the shortfall.
 */
final class AdmissionStep {
  /** Names the pod on the same node that receives this pod's tickets as shared-pool CPU weight. */
  static final String TRANSFER_ANNOTATION = "isocore.io/transfer-tickets-to";

  private static final Logger LOG = Logger.getLogger(AdmissionStep.class);
  private final SchedulerPorts ports;

  AdmissionStep(SchedulerPorts ports) {
    this.ports = ports;
  }

  private record Prepared(
      Pod pod, PodRequest request, ResourceAmounts amounts, Optional<String> tenant) {}

  /** One cycle's working set. */
  private final class Round {
    final Ledger ledger;
    final NodeCatalog catalog;
    final TenantDirectory tenants;
    final Instant now;
    final Map<String, Node> nodes = new TreeMap<>();
    final NodeUsage usage;
    final Map<PodKey, String> reasons = new HashMap<>();
    final Set<PodKey> failed = new HashSet<>();
    final Set<PodKey> errors = new HashSet<>();
    final Map<String, Integer> tenantHeld = new HashMap<>();
    int placed;

    Round(Ledger ledger, NodeCatalog catalog, TenantDirectory tenants, Instant now) {
      this.ledger = ledger;
      this.catalog = catalog;
      this.tenants = tenants;
      this.now = now;
      ports.view().nodes().forEach(n -> nodes.put(n.getMetadata().getName(), n));
      usage = new NodeUsage(ports.view(), ledger.state);
      ledger
          .state
          .allocations()
          .forEach(
              a ->
                  a.tenant()
                      .ifPresent(
                          t -> tenantHeld.merge(t, ledger.state.heldCores(a.pod()), Integer::sum)));
    }
  }

  /** Returns {placed, left unschedulable}. */
  int[] admit(Ledger ledger, NodeCatalog catalog, TenantDirectory tenants, Instant now) {
    Round round = new Round(ledger, catalog, tenants, now);
    Map<PodKey, Prepared> prepared = new LinkedHashMap<>();
    List<Pod> pending = new ArrayList<>(ports.view().pendingPods());
    pending.sort(
        Comparator.comparing((Pod p) -> String.valueOf(p.getMetadata().getCreationTimestamp()))
            .thenComparing(p -> Pods.key(p)));
    int unschedulable = 0;
    for (Pod pod : pending) {
      PodKey key = Pods.key(pod);
      if (ledger.state.allocation(key).isPresent()) {
        continue;
      }
      Optional<String> problem = Optional.empty();
      String namespace = key.namespace();
      Optional<String> tenant = Optional.ofNullable(tenants.namespaces().get(namespace));
      if (tenants.contested().containsKey(namespace)) {
        problem =
            Optional.of(
                "namespace "
                    + namespace
                    + " is claimed by LatencyTenants "
                    + String.join(", ", new java.util.TreeSet<>(tenants.contested().get(namespace)))
                    + "; isocore places its pods once one tenant lets go");
      } else if (tenant.isPresent() && tenants.invalidReason(tenant.get()).isPresent()) {
        problem =
            Optional.of(
                "LatencyTenant "
                    + tenant.get()
                    + " is not usable: "
                    + tenants.invalidReason(tenant.get()).get());
      }
      if (problem.isPresent()) {
        unschedulable += markUnschedulable(pod, problem.get(), EventReason.FailedScheduling);
        continue;
      }
      PodRequestReader.Result read;
      try {
        read = ports.requests().read(pod);
      } catch (RuntimeException e) {
        read = new PodRequestReader.Invalid(e.getMessage());
      }
      if (read instanceof PodRequestReader.Invalid invalid) {
        unschedulable += markUnschedulable(pod, invalid.message(), EventReason.InvalidRequest);
        continue;
      }
      PodRequest request = ((PodRequestReader.Valid) read).request();
      if (tenant.isPresent()) {
        request = request.withTenant(tenant.get());
      }
      ResourceAmounts amounts;
      try {
        amounts = PodRequests.of(pod);
      } catch (IllegalArgumentException e) {
        unschedulable += markUnschedulable(pod, e.getMessage(), EventReason.InvalidRequest);
        continue;
      }
      prepared.put(key, new Prepared(pod, request, amounts, tenant));
    }
    syncQueue(ledger, prepared, catalog);
    ledger.queue.admitAll(
        now,
        pp -> {
          Prepared p = prepared.get(pp.pod());
          return p == null ? OptionalInt.empty() : attempt(round, p);
        });
    Set<PodKey> placedKeys = new HashSet<>();
    for (Prepared p : prepared.values()) {
      PodKey key = Pods.key(p.pod());
      if (p.tenant().isEmpty() && !round.failed.contains(key)) {
        attempt(round, p);
      }
      if (ledger.state.allocation(key).isPresent()) {
        placedKeys.add(key);
      }
    }
    for (Prepared p : prepared.values()) {
      PodKey key = Pods.key(p.pod());
      if (placedKeys.contains(key)) {
        continue;
      }
      String reason = round.reasons.get(key);
      if (reason == null) {
        // The queue never tried it: its tenant is at its cap.
        int held = round.tenantHeld.getOrDefault(p.tenant().orElse(""), 0);
        reason =
            "LatencyTenant "
                + p.tenant().orElse("?")
                + " holds "
                + held
                + " isolated cores, at its cap (spec.maxIsolatedCores)";
      }
      unschedulable += markUnschedulable(p.pod(), reason, EventReason.FailedScheduling);
    }
    publishPending(pending, key -> ledger.state.allocation(key).isPresent(), tenants);
    Set<String> stillPending = new HashSet<>();
    for (Pod pod : pending) {
      if (ledger.state.allocation(Pods.key(pod)).isEmpty()) {
        stillPending.add(pod.getMetadata().getUid());
      }
    }
    ports.podConditions().retainOnly(stillPending);
    return new int[] {round.placed, unschedulable};
  }

  private final Set<String> pendingLabels = new HashSet<>();

  /** isocore_pending_pods per tenant ("" for pods of no tenant); labels of gone tenants dropped. */
  private void publishPending(
      List<Pod> pending, java.util.function.Predicate<PodKey> placed, TenantDirectory tenants) {
    Map<String, Integer> counts = new HashMap<>();
    tenants.tenants().keySet().forEach(t -> counts.put(t, 0));
    counts.put("", 0);
    for (Pod pod : pending) {
      PodKey key = Pods.key(pod);
      if (!placed.test(key)) {
        counts.merge(tenants.namespaces().getOrDefault(key.namespace(), ""), 1, Integer::sum);
      }
    }
    for (String gone : Set.copyOf(pendingLabels)) {
      if (!counts.containsKey(gone)) {
        ports.metrics().removeTenant(gone);
        pendingLabels.remove(gone);
      }
    }
    counts.forEach((tenant, n) -> ports.metrics().setPending(tenant, n));
    pendingLabels.addAll(counts.keySet());
  }

  /** Queues new pods, withdraws pods no longer pending or now of another tenant. */
  private void syncQueue(Ledger ledger, Map<PodKey, Prepared> prepared, NodeCatalog catalog) {
    for (String tenant : ledger.queue.tenants()) {
      for (PendingPod queued : ledger.queue.pending(tenant)) {
        Prepared p = prepared.get(queued.pod());
        if (p == null || !p.tenant().equals(Optional.of(tenant))) {
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
    for (Prepared p : prepared.values()) {
      PodKey key = Pods.key(p.pod());
      if (p.tenant().isPresent() && !ledger.queue.isQueued(key)) {
        int cpus = p.request().exclusiveCpus();
        ledger.queue.offer(new PendingPod(key, p.tenant().get(), (cpus + threads - 1) / threads));
      }
    }
  }

  private OptionalInt attempt(Round round, Prepared p) {
    PodKey key = Pods.key(p.pod());
    if (round.failed.contains(key)) {
      // Within a cycle cores are only taken, never freed: a pod that did not fit still does not.
      return OptionalInt.empty();
    }
    long start = System.nanoTime();
    OptionalInt cores = decide(round, p, key);
    PlacementOutcome outcome =
        cores.isPresent()
            ? PlacementOutcome.PLACED
            : round.errors.contains(key) ? PlacementOutcome.ERROR : PlacementOutcome.UNSCHEDULABLE;
    ports.metrics().recordPlacement(Duration.ofNanos(System.nanoTime() - start), outcome);
    return cores;
  }

  private OptionalInt decide(Round round, Prepared p, PodKey key) {
    Map<String, String> rejected = new TreeMap<>();
    for (Node node : round.nodes.values()) {
      String name = node.getMetadata().getName();
      Optional<String> why =
          NodeFilter.reject(
              p.pod(), p.amounts(), node, round.usage.used(name), round.usage.pods(name));
      if (why.isEmpty() && !round.catalog.inventories().containsKey(name)) {
        why =
            Optional.of(
                round.catalog.unusable().getOrDefault(name, "node(s) matched no IsolationProfile"));
      }
      why.ifPresent(r -> rejected.put(name, r));
    }
    PlacementDecision decision =
        round.ledger.state.plan(
            p.request(), n -> round.nodes.containsKey(n) && !rejected.containsKey(n));
    if (decision instanceof PlacementDecision.Unschedulable u) {
      return fail(round, key, Shortfall.message(round.nodes.size(), rejected, u));
    }
    PlacementDecision.Placed placed = (PlacementDecision.Placed) decision;
    String node = placed.allocation().nodeName();
    if (p.tenant().isPresent()) {
      String t = p.tenant().get();
      OptionalInt cap = round.tenants.tenants().get(t).maxCores();
      int held = round.tenantHeld.getOrDefault(t, 0);
      if (cap.isPresent() && held + placed.cores() > cap.getAsInt()) {
        return fail(
            round,
            key,
            "LatencyTenant "
                + t
                + " holds "
                + held
                + " of its cap of "
                + cap.getAsInt()
                + " isolated cores; this pod needs "
                + placed.cores()
                + " more");
      }
    }
    try {
      ports
          .allocations()
          .create(CoreAllocations.toResource(placed.allocation(), p.pod(), transfer(round, p)));
    } catch (KubernetesClientException e) {
      LOG.warnf("%s: writing CoreAllocation failed: %s", key, e.getMessage());
      if (e.getCode() != 409) {
        // A half-written allocation (created, status not set) must not linger.
        safeDelete(key);
      }
      round.errors.add(key);
      return fail(round, key, "could not write CoreAllocation " + key + ": " + e.getMessage());
    }
    round.ledger.state.adopt(placed.allocation());
    try {
      ports.binder().bind(p.pod(), node);
    } catch (KubernetesClientException e) {
      round.ledger.state.release(key);
      safeDelete(key);
      String message =
          "binding to node " + node + " failed, allocation rolled back: " + e.getMessage();
      ports.events().record(p.pod(), EventReason.BindingFailed, message);
      round.errors.add(key);
      return fail(round, key, message);
    }
    round.ledger.boundByUs.add(key);
    round.usage.add(node, p.amounts());
    p.tenant().ifPresent(t -> round.tenantHeld.merge(t, placed.cores(), Integer::sum));
    round.placed++;
    ports
        .events()
        .record(
            p.pod(),
            EventReason.Scheduled,
            "Successfully assigned " + key + " to " + node + ": " + placed.message());
    return OptionalInt.of(placed.cores());
  }

  private OptionalInt fail(Round round, PodKey key, String reason) {
    round.failed.add(key);
    round.reasons.put(key, reason);
    return OptionalInt.empty();
  }

  private Optional<TicketTransfer> transfer(Round round, Prepared p) {
    var annotations = p.pod().getMetadata().getAnnotations();
    String target = annotations == null ? null : annotations.get(TRANSFER_ANNOTATION);
    if (target == null || target.isBlank() || p.tenant().isEmpty()) {
      return Optional.empty();
    }
    long tickets = round.ledger.queue.effectiveTickets(p.tenant().get(), round.now);
    return tickets < 1
        ? Optional.empty()
        : Optional.of(
            new TicketTransfer(
                p.pod().getMetadata().getNamespace(),
                target.trim(),
                (int) Math.min(tickets, Integer.MAX_VALUE)));
  }

  private void safeDelete(PodKey key) {
    try {
      ports.allocations().delete(key);
    } catch (KubernetesClientException e) {
      LOG.warnf("%s: could not delete CoreAllocation during rollback: %s", key, e.getMessage());
    }
  }

  /** Writes the condition; records the Event only when the condition changed. Returns 1. */
  private int markUnschedulable(Pod pod, String message, EventReason reason) {
    if (ports.podConditions().markUnschedulable(pod, message)) {
      ports.events().record(pod, reason, message);
    }
    return 1;
  }
}
