package io.isocore.operator.scheduler;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.isocore.core.pod.PodKey;
import io.isocore.kube.events.EventRecorder;
import io.isocore.mapping.allocation.CoreAllocations;
import io.isocore.operator.kube.Binder;
import io.isocore.operator.kube.CoreAllocationWriter;
import io.isocore.operator.kube.EventReason;
import io.isocore.operator.kube.PodConditionPublisher;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The synchronous committer: on the scheduling thread, creates the CoreAllocation, binds the pod,
 * and on failure deletes the allocation again.
 */
public final class ApiPlacementCommitter implements PlacementCommitter {
  private static final Logger LOG = Logger.getLogger(ApiPlacementCommitter.class);

  private final CoreAllocationWriter allocations;
  private final Binder binder;
  private final EventRecorder events;
  private final PodConditionPublisher podConditions;

  public ApiPlacementCommitter(
      CoreAllocationWriter allocations,
      Binder binder,
      EventRecorder events,
      PodConditionPublisher podConditions) {
    this.allocations = allocations;
    this.binder = binder;
    this.events = events;
    this.podConditions = podConditions;
  }

  @Override
  public CommitResult commit(AdmissionPlanner.Placement placement) {
    Pod pod = placement.candidate().pod();
    PodKey key = placement.candidate().key();
    String node = placement.node();
    try {
      allocations.create(
          CoreAllocations.toResource(placement.placed().allocation(), placement.transfer()));
    } catch (KubernetesClientException e) {
      LOG.warnf("%s: writing CoreAllocation failed: %s", key, e.getMessage());
      if (e.getCode() != 409) {
        // A half-written allocation (created, status not set) must not linger.
        safeDelete(key);
      }
      return new Failed("could not write CoreAllocation " + key + ": " + e.getMessage());
    }
    try {
      binder.bind(pod, node);
    } catch (KubernetesClientException e) {
      safeDelete(key);
      String message =
          "binding to node " + node + " failed, allocation rolled back: " + e.getMessage();
      events.record(pod, EventReason.BindingFailed, message);
      return new Failed(message);
    }
    events.record(
        pod,
        EventReason.Scheduled,
        "Successfully assigned " + key + " to " + node + ": " + placement.placed().message());
    return new Committed();
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

  private void safeDelete(PodKey key) {
    try {
      allocations.delete(key);
    } catch (KubernetesClientException e) {
      LOG.warnf("%s: could not delete CoreAllocation during rollback: %s", key, e.getMessage());
    }
  }
}
