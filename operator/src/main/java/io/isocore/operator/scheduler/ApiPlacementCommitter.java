package io.isocore.operator.scheduler;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.isocore.api.v1alpha1.CoreAllocation;
import io.isocore.core.pod.PodKey;
import io.isocore.kube.api.ApiFailure;
import io.isocore.kube.events.EventRecorder;
import io.isocore.mapping.allocation.CoreAllocations;
import io.isocore.operator.kube.Binder;
import io.isocore.operator.kube.BindingAnnotations;
import io.isocore.operator.kube.CoreAllocationWriter;
import io.isocore.operator.kube.EventReason;
import io.isocore.operator.kube.LeaseFence;
import io.isocore.operator.kube.PodConditionPublisher;
import io.isocore.operator.scheduler.ReadBack.Found;
import java.util.Set;
import java.util.concurrent.Executor;
import org.jboss.logging.Logger;

/**
 * The commit protocol: two writes on the hot path (the CoreAllocation, then the Binding), each only
 * while the Lease is held; after a failed or unanswered write the object is read back and the
 * outcome decided from what the API server holds. The allocation's {@code Pending} phase is set
 * apart, on the status executor, off the hot path.
 */
public final class ApiPlacementCommitter implements PlacementCommitter {
  private static final Logger LOG = Logger.getLogger(ApiPlacementCommitter.class);

  private final CoreAllocationWriter allocations;
  private final Binder binder;
  private final EventRecorder events;
  private final PodConditionPublisher podConditions;
  private final LeaseFence fence;
  private final ReadBack readBack;
  private final Executor statusWriter;
  private final RateBudget normalWrites;
  private final RateBudget scheduledEvents;

  /**
   * @param readBack reads the pod and its allocation after an ambiguous write
   * @param statusWriter where the allocation's Pending phase is written (best effort)
   * @param normalWritesPerSecond budget of Scheduled Events and Pending phases (each), 0 unlimited;
   *     beyond it they are skipped (the agent writes the allocation's phase, the pod's binding is
   *     on the pod)
   */
  public ApiPlacementCommitter(
      CoreAllocationWriter allocations,
      Binder binder,
      EventRecorder events,
      PodConditionPublisher podConditions,
      LeaseFence fence,
      ReadBack readBack,
      Executor statusWriter,
      int normalWritesPerSecond) {
    this.normalWrites =
        normalWritesPerSecond <= 0
            ? RateBudget.unlimited()
            : new RateBudget(normalWritesPerSecond, normalWritesPerSecond * 4);
    this.scheduledEvents =
        normalWritesPerSecond <= 0
            ? RateBudget.unlimited()
            : new RateBudget(normalWritesPerSecond, normalWritesPerSecond * 4);
    this.allocations = allocations;
    this.binder = binder;
    this.events = events;
    this.podConditions = podConditions;
    this.fence = fence;
    this.readBack = readBack;
    this.statusWriter = statusWriter;
  }

  @Override
  public CommitResult commit(AdmissionPlanner.Placement placement) {
    PodKey key = placement.candidate().key();
    if (!fence.held()) {
      return new Failed("not written: this replica does not hold the leader Lease", false);
    }
    CoreAllocation wanted =
        CoreAllocations.toResource(placement.placed().allocation(), placement.transfer());
    CoreAllocation created;
    try {
      created = allocations.create(wanted);
    } catch (KubernetesClientException e) {
      LOG.warnf("%s: writing CoreAllocation failed: %s", key, ApiFailure.describe(e));
      switch (readBack.allocation(key, wanted)) {
        case Found.OURS -> created = wanted;
        case Found.UNKNOWN -> {
          return new Unresolved(
              "CoreAllocation " + key + " may or may not exist: " + ApiFailure.describe(e));
        }
        default -> {
          // Absent, or another writer's: nothing of ours to delete.
          return new Failed(
              "could not write CoreAllocation " + key + ": " + ApiFailure.describe(e), false);
        }
      }
    }
    if (!fence.held()) {
      // The allocation is written, the Lease gone: the next leader adopts it and binds the pod.
      return new Unresolved("leader Lease lost after writing CoreAllocation " + key);
    }
    Pod pod = placement.candidate().pod();
    String node = placement.node();
    try {
      binder.bind(pod, node, BindingAnnotations.of(placement.placed().allocation()));
    } catch (KubernetesClientException e) {
      Found bound = readBack.pod(pod, node);
      LOG.warnf(
          "%s: binding to %s failed (%s); read back: %s", key, node, ApiFailure.describe(e), bound);
      switch (bound) {
        case Found.OURS -> {} // the Binding was applied, only its answer was lost
        case Found.UNKNOWN -> {
          return new Unresolved(
              "binding " + key + " to " + node + ": outcome unknown: " + ApiFailure.describe(e));
        }
        default -> {
          boolean left = !delete(key);
          return new Failed(
              "binding to node "
                  + node
                  + " failed, allocation rolled back: "
                  + ApiFailure.describe(e),
              left);
        }
      }
    }
    if (normalWrites.tryTake()) {
      CoreAllocation toMark = created;
      statusWriter.execute(() -> markPending(key, toMark));
    }
    return new Committed();
  }

  @Override
  public void settled(AdmissionPlanner.Placement placement, CommitResult result) {
    Pod pod = placement.candidate().pod();
    switch (result) {
      case Committed c -> {
        if (scheduledEvents.tryTake()) {
          events.record(
              pod,
              EventReason.Scheduled,
              "Successfully assigned "
                  + placement.candidate().key()
                  + " to "
                  + placement.node()
                  + ": "
                  + placement.placed().message());
        }
      }
      case Failed f -> events.record(pod, EventReason.BindingFailed, f.reason());
      case Unresolved u -> LOG.warnf("%s: %s", placement.candidate().key(), u.reason());
    }
  }

  @Override
  public void reject(AdmissionPlanner.Rejection rejection) {
    if (podConditions.markUnschedulable(rejection.pod(), rejection.message())) {
      EventReason reason =
          switch (rejection.kind()) {
            case INVALID_REQUEST -> EventReason.InvalidRequest;
            case UNSCHEDULABLE -> EventReason.FailedScheduling;
          };
      events.record(rejection.pod(), reason, rejection.message());
    }
  }

  @Override
  public void retainPending(Set<String> pendingUids) {
    podConditions.retainOnly(pendingUids);
  }

  private void markPending(PodKey key, CoreAllocation created) {
    if (created.getMetadata().getResourceVersion() == null) {
      return; // read back after a lost answer: the version is unknown, leave the phase unset
    }
    try {
      allocations.markPending(created);
    } catch (KubernetesClientException e) {
      LOG.debugf("%s: could not set CoreAllocation phase Pending: %s", key, ApiFailure.describe(e));
    }
  }

  /** Deletes the allocation this commit wrote; false when it may still be there. */
  private boolean delete(PodKey key) {
    try {
      allocations.delete(key);
      return true;
    } catch (KubernetesClientException e) {
      LOG.warnf(
          "%s: could not delete CoreAllocation during rollback: %s", key, ApiFailure.describe(e));
      return false;
    }
  }
}
