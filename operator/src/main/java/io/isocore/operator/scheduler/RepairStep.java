package io.isocore.operator.scheduler;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.isocore.api.v1alpha1.CoreAllocation;
import io.isocore.api.v1alpha1.CoreAllocationStatus;
import io.isocore.core.alloc.AllocationConflictException;
import io.isocore.core.alloc.PlacementDecision;
import io.isocore.core.alloc.PodAllocation;
import io.isocore.core.pod.PodKey;
import io.isocore.core.pod.PodRequest;
import io.isocore.kube.api.ApiFailure;
import io.isocore.kube.events.EventRecorder;
import io.isocore.mapping.allocation.AllocationSpec;
import io.isocore.mapping.allocation.CoreAllocations;
import io.isocore.operator.catalog.ClusterView;
import io.isocore.operator.catalog.TenantDirectory;
import io.isocore.operator.kube.CoreAllocationWriter;
import io.isocore.operator.kube.EventReason;
import io.isocore.operator.kube.LeaseFence;
import io.isocore.operator.pod.PodResources;
import io.isocore.operator.pod.Pods;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Keeps the leader's state level with the CoreAllocations the informer shows, every cycle (not only
 * when a term starts): an allocation the node agent rejected (its CPUs overlap an earlier one's) is
 * freed and deleted so its pod is placed again; an allocation it does not hold is adopted (a
 * previous term's, a stale leader's) or, when it conflicts and its pod is unbound, deleted; an
 * allocation it holds that is gone from the API server (deleted by hand) is recreated while its pod
 * lives; a bound isocore pod without an allocation (a Binding applied after its answer was lost, an
 * allocation deleted while no one led) gets cores on its node, or a Warning Event when its node has
 * none.
 */
public final class RepairStep {
  private static final Logger LOG = Logger.getLogger(RepairStep.class);

  /** How long a written allocation may be missing from the informer before it is read back. */
  static final Duration UNSEEN_GRACE = Duration.ofSeconds(5);

  private final ClusterView view;
  private final CoreAllocationWriter allocations;
  private final EventRecorder events;
  private final LeaseFence fence;

  public RepairStep(
      ClusterView view, CoreAllocationWriter allocations, EventRecorder events, LeaseFence fence) {
    this.view = view;
    this.allocations = allocations;
    this.events = events;
    this.fence = fence;
  }

  /** Returns how many allocations were adopted, deleted, recreated or created. */
  int repair(Ledger ledger, TenantDirectory tenants, Instant now) {
    Map<PodKey, CoreAllocation> onServer = new HashMap<>();
    for (CoreAllocation resource : view.coreAllocations()) {
      onServer.put(
          new PodKey(resource.getMetadata().getNamespace(), resource.getMetadata().getName()),
          resource);
    }
    ledger.deleted.retainAll(onServer.keySet());
    if (!fence.held()) {
      return adoptUnknown(ledger, onServer);
    }
    int repaired = dropRejected(ledger, onServer);
    repaired += adoptUnknown(ledger, onServer);
    repaired += recreateMissing(ledger, onServer, now);
    repaired += coverBoundPods(ledger, onServer, tenants);
    return repaired;
  }

  /**
   * The node agent refused an allocation whose CPUs overlap an earlier one on its node: free it and
   * delete it, so its pod is placed again (a pending pod anywhere, a bound pod on its own node).
   */
  private int dropRejected(Ledger ledger, Map<PodKey, CoreAllocation> onServer) {
    int dropped = 0;
    for (Map.Entry<PodKey, CoreAllocation> e : onServer.entrySet()) {
      CoreAllocation resource = e.getValue();
      PodKey key = e.getKey();
      if (resource.getStatus() == null
          || resource.getStatus().phase() != CoreAllocationStatus.Phase.Rejected
          || ledger.deleted.contains(key)
          || ledger.inFlight.contains(key)) {
        continue;
      }
      ledger
          .state
          .allocation(key)
          .ifPresent(
              held -> {
                int cores = ledger.state.heldCores(key);
                ledger.state.release(key);
                held.tenant().ifPresent(t -> ledger.queue.release(t, cores));
              });
      ledger.observed.remove(key);
      ledger.settledAt.remove(key);
      ledger.boundByUs.remove(key);
      ledger.deleted.add(key);
      try {
        allocations.delete(key);
      } catch (KubernetesClientException ex) {
        ledger.deletesToRetry.add(key);
      }
      LOG.warnf(
          "%s: the node agent rejected its CoreAllocation (%s); placing it again",
          key, resource.getStatus().message());
      dropped++;
    }
    return dropped;
  }

  private int adoptUnknown(Ledger ledger, Map<PodKey, CoreAllocation> onServer) {
    int adopted = 0;
    for (Map.Entry<PodKey, CoreAllocation> e : onServer.entrySet()) {
      PodKey key = e.getKey();
      if (ledger.state.allocation(key).isPresent()) {
        ledger.observed.add(key);
        ledger.settledAt.remove(key);
        continue;
      }
      if (ledger.deleted.contains(key) || ledger.inFlight.contains(key)) {
        continue;
      }
      AllocationSpec spec;
      try {
        spec = CoreAllocations.decode(e.getValue());
      } catch (IllegalArgumentException invalid) {
        continue; // reported when the term started; never deleted: a pod may run on it
      }
      PodAllocation allocation = spec.allocation();
      Optional<Pod> pod = view.pod(key.namespace(), key.name());
      if (pod.isEmpty() || ReleaseStep.releaseReason(allocation, pod).isPresent()) {
        continue; // the pod is gone or elsewhere: its owner reference lets Kubernetes collect it
      }
      try {
        ledger.state.adopt(allocation);
        allocation
            .tenant()
            .ifPresent(t -> ledger.queue.charge(t, ledger.state.heldCores(allocation.pod())));
        ledger.observed.add(key);
        spec.ticketTransfer().ifPresent(t -> ledger.transfers.put(key, t));
        LOG.infof("%s: adopted CoreAllocation written outside this term", key);
        adopted++;
      } catch (AllocationConflictException conflict) {
        adopted += conflicting(ledger, key, pod.get(), conflict);
      }
    }
    return adopted;
  }

  /** Another writer's allocation overlaps cores this term gave away. */
  private int conflicting(
      Ledger ledger, PodKey key, Pod pod, AllocationConflictException conflict) {
    if (!Pods.bound(pod) && fence.held()) {
      // Its pod is still pending: drop the allocation, the pod is placed again on free cores.
      try {
        allocations.delete(key);
        ledger.deleted.add(key);
        LOG.warnf("%s: deleted a conflicting CoreAllocation: %s", key, conflict.getMessage());
        return 1;
      } catch (KubernetesClientException e) {
        LOG.warnf(
            "%s: could not delete a conflicting CoreAllocation: %s", key, ApiFailure.describe(e));
        return 0;
      }
    }
    if (ledger.unrepairable.add(key)) {
      events.record(
          pod,
          EventReason.AllocationConflict,
          "CoreAllocation overlaps cores held by another pod ("
              + conflict.getMessage()
              + "); the node agent enforces only the first");
    }
    return 0;
  }

  private int recreateMissing(Ledger ledger, Map<PodKey, CoreAllocation> onServer, Instant now) {
    int recreated = 0;
    for (PodAllocation allocation : List.copyOf(ledger.state.allocations())) {
      PodKey key = allocation.pod();
      if (onServer.containsKey(key) || ledger.inFlight.contains(key)) {
        continue;
      }
      Instant settled = ledger.settledAt.get(key);
      boolean overdue = settled != null && settled.plus(UNSEEN_GRACE).isBefore(now);
      if (!ledger.observed.contains(key) && !overdue) {
        continue; // the informer has not caught up with our own write yet
      }
      Optional<Pod> pod = view.pod(key.namespace(), key.name());
      if (pod.isEmpty() || ReleaseStep.releaseReason(allocation, pod).isPresent()) {
        continue; // the release step frees it
      }
      try {
        if (allocations.get(key).isPresent()) {
          ledger.observed.add(key);
          continue;
        }
        allocations.create(
            CoreAllocations.toResource(allocation, Optional.ofNullable(ledger.transfers.get(key))));
      } catch (KubernetesClientException e) {
        LOG.warnf(
            "%s: could not check or recreate its CoreAllocation: %s", key, ApiFailure.describe(e));
        continue;
      }
      ledger.observed.remove(key);
      ledger.settledAt.put(key, now);
      events.record(
          pod.get(),
          EventReason.AllocationRecreated,
          "CoreAllocation was missing from the API server; recreated with the cores the pod holds"
              + " (node "
              + allocation.nodeName()
              + ", CPUs "
              + allocation.cpus().toListString()
              + ")");
      recreated++;
    }
    return recreated;
  }

  private int coverBoundPods(
      Ledger ledger, Map<PodKey, CoreAllocation> onServer, TenantDirectory tenants) {
    int created = 0;
    Set<PodKey> bound = new HashSet<>();
    for (Pod pod : view.boundPods()) {
      PodKey key = Pods.key(pod);
      bound.add(key);
      if (ledger.state.allocation(key).isPresent()
          || ledger.inFlight.contains(key)
          || onServer.containsKey(key)
          || ledger.unrepairable.contains(key)) {
        continue;
      }
      created += cover(ledger, pod, key, tenants);
    }
    ledger.unrepairable.retainAll(bound);
    return created;
  }

  /** Gives a bound pod without an allocation cores on its own node, or says it cannot. */
  private int cover(Ledger ledger, Pod pod, PodKey key, TenantDirectory tenants) {
    String node = Pods.nodeName(pod);
    String why;
    if (PodResources.read(pod) instanceof PodResources.Valid valid) {
      PodRequest request = valid.request();
      Optional<String> tenant = Optional.ofNullable(tenants.namespaces().get(key.namespace()));
      if (tenant.isPresent()) {
        request = request.withTenant(tenant.get());
      }
      PlacementDecision decision = ledger.state.plan(request, node::equals);
      if (decision instanceof PlacementDecision.Placed placed) {
        PodAllocation allocation = placed.allocation();
        ledger.state.adopt(allocation);
        try {
          allocations.create(CoreAllocations.toResource(allocation, Optional.empty()));
        } catch (KubernetesClientException e) {
          ledger.state.release(key);
          LOG.warnf(
              "%s: could not write the repairing CoreAllocation: %s", key, ApiFailure.describe(e));
          return 0;
        }
        tenant.ifPresent(t -> ledger.queue.charge(t, ledger.state.heldCores(key)));
        ledger.boundByUs.add(key);
        ledger.settledAt.put(key, Instant.now());
        events.record(
            pod,
            EventReason.AllocationRepaired,
            "bound to node "
                + node
                + " without a CoreAllocation; gave it CPUs "
                + allocation.cpus().toListString()
                + " there");
        return 1;
      }
      why = "node " + node + " has no free isolated cores for it";
    } else {
      why = "its request cannot be read";
    }
    ledger.unrepairable.add(key);
    events.record(
        pod,
        EventReason.Unisolated,
        "bound to node "
            + node
            + " without a CoreAllocation and "
            + why
            + ": it runs on the shared pool; delete the pod to place it again");
    return 0;
  }
}
