package io.isocore.operator.scheduler;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.isocore.core.alloc.PodAllocation;
import io.isocore.core.pod.PodKey;
import io.isocore.kube.api.ApiFailure;
import io.isocore.kube.events.EventRecorder;
import io.isocore.operator.catalog.ClusterView;
import io.isocore.operator.kube.Binder;
import io.isocore.operator.kube.BindingAnnotations;
import io.isocore.operator.kube.CoreAllocationWriter;
import io.isocore.operator.kube.EventReason;
import io.isocore.operator.kube.LeaseFence;
import io.isocore.operator.pod.Pods;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Frees the cores of pods that are gone, finished, replaced (new UID) or bound elsewhere, and
 * deletes their CoreAllocations; binds pods that hold an allocation but are not bound yet (the
 * previous leader wrote the allocation and stopped before binding).
 */
public final class ReleaseStep {
  private static final Logger LOG = Logger.getLogger(ReleaseStep.class);
  private final ClusterView view;
  private final Function<PodKey, Optional<Pod>> podFromApi;
  private final Binder binder;
  private final CoreAllocationWriter allocations;
  private final EventRecorder events;
  private final LeaseFence fence;

  /**
   * @param podFromApi a direct read of one pod, to confirm a pod is gone before freeing its cores
   */
  public ReleaseStep(
      ClusterView view,
      Function<PodKey, Optional<Pod>> podFromApi,
      Binder binder,
      CoreAllocationWriter allocations,
      EventRecorder events,
      LeaseFence fence) {
    this.fence = fence;
    this.view = view;
    this.podFromApi = podFromApi;
    this.binder = binder;
    this.allocations = allocations;
    this.events = events;
  }

  int release(Ledger ledger) {
    retryDeletes(ledger);
    int released = 0;
    for (PodAllocation allocation : List.copyOf(ledger.state.allocations())) {
      PodKey key = allocation.pod();
      if (ledger.inFlight.contains(key)) {
        continue; // its commit settles it first
      }
      Optional<Pod> pod = view.pod(key.namespace(), key.name());
      if (pod.isEmpty()) {
        // The informer may lag a fresh pod: confirm with the API server before freeing cores.
        try {
          pod = podFromApi.apply(key);
        } catch (KubernetesClientException e) {
          // Unknown is not gone: the cores stay held until the API server answers.
          LOG.debugf("%s: cannot confirm the pod is gone, keeping its cores: %s", key, e);
          continue;
        }
      }
      Optional<String> why = releaseReason(allocation, pod);
      if (why.isEmpty()) {
        if (pod.isPresent() && Pods.bound(pod.get())) {
          ledger.boundByUs.remove(key);
        }
        continue;
      }
      int cores = ledger.state.heldCores(key);
      ledger.state.release(key);
      allocation.tenant().ifPresent(t -> ledger.queue.release(t, cores));
      ledger.boundByUs.remove(key);
      ledger.observed.remove(key);
      ledger.settledAt.remove(key);
      ledger.transfers.remove(key);
      delete(ledger, key);
      String message =
          "released node "
              + allocation.nodeName()
              + ", NUMA node "
              + allocation.numaNode()
              + (allocation.cpus().isEmpty() ? "" : ", CPUs " + allocation.cpus().toListString())
              + ": "
              + why.get();
      LOG.infof("%s: %s", key, message);
      if (pod.isPresent() && allocation.uid().equals(pod.get().getMetadata().getUid())) {
        events.record(pod.get(), EventReason.Released, message);
      }
      released++;
    }
    return released;
  }

  static Optional<String> releaseReason(PodAllocation allocation, Optional<Pod> pod) {
    if (pod.isEmpty()) {
      return Optional.of("pod deleted");
    }
    Pod p = pod.get();
    if (!allocation.uid().equals(p.getMetadata().getUid())) {
      return Optional.of("pod replaced by one with UID " + p.getMetadata().getUid());
    }
    if (Pods.terminal(p)) {
      return Optional.of("pod " + p.getStatus().getPhase());
    }
    if (Pods.bound(p) && !allocation.nodeName().equals(Pods.nodeName(p))) {
      return Optional.of("pod was bound to node " + Pods.nodeName(p) + " by someone else");
    }
    return Optional.empty();
  }

  int rebind(Ledger ledger) {
    int rebound = 0;
    for (PodAllocation allocation : List.copyOf(ledger.state.allocations())) {
      PodKey key = allocation.pod();
      if (ledger.boundByUs.contains(key) || ledger.inFlight.contains(key) || !fence.held()) {
        continue;
      }
      Optional<Pod> pod = view.pod(key.namespace(), key.name());
      if (pod.isEmpty() || Pods.bound(pod.get())) {
        continue;
      }
      try {
        binder.bind(pod.get(), allocation.nodeName(), BindingAnnotations.of(allocation));
        ledger.boundByUs.add(key);
        events.record(
            pod.get(),
            EventReason.Rebound,
            "bound to node "
                + allocation.nodeName()
                + " per its existing CoreAllocation (CPUs "
                + allocation.cpus().toListString()
                + ")");
        rebound++;
      } catch (KubernetesClientException e) {
        if (e.getCode() == 409) {
          // Already bound; the informer will show it.
          ledger.boundByUs.add(key);
        } else {
          LOG.warnf(
              "%s: binding to %s failed, will retry: %s",
              key, allocation.nodeName(), ApiFailure.describe(e));
        }
      }
    }
    return rebound;
  }

  private void delete(Ledger ledger, PodKey key) {
    ledger.deleted.add(key);
    try {
      allocations.delete(key);
      ledger.deletesToRetry.remove(key);
    } catch (KubernetesClientException e) {
      LOG.warnf("%s: could not delete CoreAllocation, will retry: %s", key, ApiFailure.describe(e));
      ledger.deletesToRetry.add(key);
    }
  }

  private void retryDeletes(Ledger ledger) {
    for (PodKey key : List.copyOf(ledger.deletesToRetry)) {
      if (ledger.state.allocation(key).isEmpty()) {
        delete(ledger, key);
      } else {
        ledger.deletesToRetry.remove(key);
      }
    }
  }
}
