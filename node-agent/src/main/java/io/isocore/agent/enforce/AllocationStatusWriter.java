package io.isocore.agent.enforce;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.isocore.api.v1alpha1.CoreAllocation;
import io.isocore.api.v1alpha1.CoreAllocationStatus;
import io.isocore.api.v1alpha1.CoreAllocationStatus.Phase;
import io.isocore.kube.events.EventRecorder;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Writes what a pass found to the CoreAllocations: each status that changed (built by the pure
 * {@link CoreAllocationStatusBuilder}), with Events on phase transitions and on drift repair.
 */
final class AllocationStatusWriter {

  private static final Logger LOG = Logger.getLogger(AllocationStatusWriter.class);

  /**
   * What was written.
   *
   * @param patches statuses written
   * @param events Events recorded
   */
  record Written(int patches, int events) {}

  private final KubernetesClient client;
  private final String nodeName;
  private final EventRecorder events;

  AllocationStatusWriter(KubernetesClient client, String nodeName, EventRecorder events) {
    this.client = client;
    this.nodeName = nodeName;
    this.events = events;
  }

  /** Writes each status that changed, with Events on transitions and on drift repair. */
  Written write(DecodedPass decoded, EnforcementReport report, String now) {
    int patches = 0;
    int recorded = 0;
    TicketLoans loans = TicketLoans.of(decoded.allocations());
    for (CoreAllocation ca : decoded.allocations()) {
      String key = DesiredAllocationMapper.key(ca);
      Optional<AllocationResult> result = report.result(key);
      if (result.isPresent()) {
        AllocationResult r = withPodHint(ca, result.get(), decoded.podSeen());
        CoreAllocationStatus built = CoreAllocationStatusBuilder.build(ca.getStatus(), r, now);
        decoded
            .next()
            .put(
                key,
                r instanceof AllocationResult.Applied ? built.withTickets(loans.of(ca)) : built);
        if (r instanceof AllocationResult.Applied a && !a.driftRepaired().isEmpty()) {
          events.record(
              ca,
              EnforcementEventReason.DriftRepaired,
              "repaired cpusets rewritten by another writer: "
                  + String.join(", ", a.driftRepaired()));
          recorded++;
        }
      }
      CoreAllocationStatus status = decoded.next().get(key);
      if (status == null || !CoreAllocationStatusBuilder.differs(ca.getStatus(), status)) {
        continue;
      }
      if (patchStatus(ca, status)) {
        patches++;
      }
      if (recordTransition(ca, status)) {
        recorded++;
      }
    }
    return new Written(patches, recorded);
  }

  /** A container waits because its pod is not on this node yet: say so. */
  private AllocationResult withPodHint(
      CoreAllocation ca, AllocationResult r, Map<String, Boolean> podSeen) {
    String key = r.key();
    if (r instanceof AllocationResult.Waiting w && !podSeen.getOrDefault(key, true)) {
      return new AllocationResult.Waiting(
          key,
          w.generation(),
          "pod " + ca.getSpec().podName() + " is not on node " + nodeName + " yet; retrying");
    }
    return r;
  }

  private boolean recordTransition(CoreAllocation ca, CoreAllocationStatus status) {
    Phase before = ca.getStatus() == null ? null : ca.getStatus().phase();
    if (before == status.phase()
        && ((status.phase() != Phase.Failed && status.phase() != Phase.Rejected)
            || status.message().equals(ca.getStatus().message()))) {
      return false;
    }
    EnforcementEventReason reason =
        switch (status.phase()) {
          case Applied -> EnforcementEventReason.Applied;
          case Failed -> EnforcementEventReason.EnforcementFailed;
          case Released -> EnforcementEventReason.Released;
          case Rejected -> EnforcementEventReason.Rejected;
          case Pending -> null;
        };
    if (reason == null) {
      return false;
    }
    events.record(ca, reason, status.message());
    if (reason == EnforcementEventReason.Rejected && ca.getSpec() != null) {
      // The user looks at the pod: a rejected allocation means it runs unisolated until re-placed.
      events.record(podOf(ca), reason, "CoreAllocation rejected: " + status.message());
    }
    return true;
  }

  /** A reference to the allocation's pod, enough for an Event's involvedObject. */
  static io.fabric8.kubernetes.api.model.Pod podOf(CoreAllocation ca) {
    return new io.fabric8.kubernetes.api.model.PodBuilder()
        .withNewMetadata()
        .withNamespace(ca.getMetadata().getNamespace())
        .withName(ca.getSpec().podName())
        .withUid(ca.getSpec().podUid())
        .endMetadata()
        .build();
  }

  private boolean patchStatus(CoreAllocation ca, CoreAllocationStatus status) {
    try {
      client
          .resources(CoreAllocation.class)
          .inNamespace(ca.getMetadata().getNamespace())
          .withName(ca.getMetadata().getName())
          .editStatus(
              current -> {
                current.setStatus(status);
                return current;
              });
      return true;
    } catch (KubernetesClientException e) {
      LOG.warnf(
          "could not write the status of %s: %s", DesiredAllocationMapper.key(ca), e.getMessage());
      return false;
    }
  }
}
