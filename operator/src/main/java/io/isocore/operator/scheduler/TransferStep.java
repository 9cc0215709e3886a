package io.isocore.operator.scheduler;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.isocore.api.v1alpha1.CoreAllocation;
import io.isocore.api.v1alpha1.TicketTransfer;
import io.isocore.core.alloc.PodAllocation;
import io.isocore.core.pod.PodKey;
import io.isocore.kube.api.ApiFailure;
import io.isocore.kube.events.EventRecorder;
import io.isocore.operator.catalog.ClusterView;
import io.isocore.operator.catalog.TenantDirectory;
import io.isocore.operator.kube.CoreAllocationWriter;
import io.isocore.operator.kube.EventReason;
import io.isocore.operator.kube.LeaseFence;
import io.isocore.operator.kube.PodConditionPublisher;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Keeps every held allocation's spec.ticketTransfer level with its pod's {@value
 * TransferPlanner#ANNOTATION} annotation while both pods live: an annotation added, changed or
 * removed after admission, a target that is placed later, moves away or ends, and a tenant whose
 * tickets change are all followed, each cycle. A transfer that cannot take effect is not written;
 * the pod gets one Warning Event per distinct reason. The lender's {@value
 * PodConditionPublisher#TICKET_TRANSFER} condition says which: True (Lending) while its tickets are
 * lent, False (TransferRefused) with the reason naming the annotation, False (NoTransfer) once the
 * annotation is gone.
 */
public final class TransferStep {
  private static final Logger LOG = Logger.getLogger(TransferStep.class);

  private final ClusterView view;
  private final CoreAllocationWriter allocations;
  private final EventRecorder events;
  private final PodConditionPublisher conditions;
  private final LeaseFence fence;
  private final Map<PodKey, String> refused = new HashMap<>();

  public TransferStep(
      ClusterView view,
      CoreAllocationWriter allocations,
      EventRecorder events,
      PodConditionPublisher conditions,
      LeaseFence fence) {
    this.view = view;
    this.allocations = allocations;
    this.events = events;
    this.conditions = conditions;
    this.fence = fence;
  }

  /** Returns how many allocations had their transfer written or removed. */
  int sync(Ledger ledger, TenantDirectory tenants, Instant now) {
    if (!fence.held()) {
      return 0;
    }
    Map<PodKey, CoreAllocation> visible = new HashMap<>();
    for (CoreAllocation resource : view.coreAllocations()) {
      visible.put(
          new PodKey(resource.getMetadata().getNamespace(), resource.getMetadata().getName()),
          resource);
    }
    Set<PodKey> seen = new HashSet<>();
    Set<String> heldUids = new HashSet<>();
    int written = 0;
    for (PodAllocation lender : ledger.state.allocations()) {
      PodKey key = lender.pod();
      Optional<Pod> pod = view.pod(key.namespace(), key.name());
      CoreAllocation resource = visible.get(key);
      if (pod.isEmpty() || resource == null || resource.getSpec() == null) {
        continue; // gone, or not yet visible after its create: the next cycle looks again
      }
      seen.add(key);
      heldUids.add(pod.get().getMetadata().getUid());
      var annotations = pod.get().getMetadata().getAnnotations();
      String value = annotations == null ? null : annotations.get(TransferPlanner.ANNOTATION);
      long tickets = lender.tenant().map(t -> ledger.queue.effectiveTickets(t, now)).orElse(0L);
      TransferPlanner.Decision decision =
          TransferPlanner.decide(lender, value, tickets, tenants, ledger.state::allocation);
      TicketTransfer wanted =
          decision instanceof TransferPlanner.Decision.Lend lend ? lend.transfer() : null;
      if (decision instanceof TransferPlanner.Decision.Refused r) {
        if (!r.reason().equals(refused.put(key, r.reason()))) {
          events.record(pod.get(), EventReason.TransferRefused, r.reason());
        }
      } else {
        refused.remove(key);
      }
      condition(pod.get(), decision);
      if (Objects.equals(wanted, resource.getSpec().ticketTransfer())) {
        putOrRemove(ledger, key, wanted);
        continue;
      }
      try {
        if (allocations.setTransfer(key, wanted)) {
          putOrRemove(ledger, key, wanted);
          written++;
          events.record(
              pod.get(),
              EventReason.TransferUpdated,
              wanted == null
                  ? "no longer lends tickets"
                  : "lends "
                      + wanted.tickets()
                      + " tickets to "
                      + wanted.namespace()
                      + "/"
                      + wanted.podName());
        }
      } catch (KubernetesClientException e) {
        LOG.warnf("could not update the ticket transfer of %s: %s", key, ApiFailure.describe(e));
      }
    }
    refused.keySet().retainAll(seen);
    conditions.retainTransfers(heldUids);
    return written;
  }

  /** The lender's transfer condition, level with the decision (written only when it differs). */
  private void condition(Pod pod, TransferPlanner.Decision decision) {
    if (decision instanceof TransferPlanner.Decision.Lend lend) {
      TicketTransfer t = lend.transfer();
      conditions.markTransfer(
          pod,
          true,
          PodConditionPublisher.LENDING,
          "lends " + t.tickets() + " tickets to " + t.namespace() + "/" + t.podName());
    } else if (decision instanceof TransferPlanner.Decision.Refused r) {
      conditions.markTransfer(pod, false, PodConditionPublisher.TRANSFER_REFUSED, r.reason());
    } else {
      conditions.markTransfer(
          pod,
          false,
          PodConditionPublisher.NO_TRANSFER,
          "no " + TransferPlanner.ANNOTATION + " annotation");
    }
  }

  private static void putOrRemove(Ledger ledger, PodKey key, TicketTransfer transfer) {
    if (transfer == null) {
      ledger.transfers.remove(key);
    } else {
      ledger.transfers.put(key, transfer);
    }
  }
}
