package io.isocore.agent.enforce;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.isocore.api.v1alpha1.CoreAllocation;
import io.isocore.api.v1alpha1.CoreAllocationStatus;
import io.isocore.api.v1alpha1.CoreAllocationStatus.Phase;
import io.isocore.core.cpu.CpuSet;
import io.isocore.kube.api.ApiFailure;
import io.isocore.kube.events.EventReason;
import io.isocore.kube.events.EventRecorder;
import io.isocore.kube.status.Conditions;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Writes what a pass found to the CoreAllocations: each status that changed (built by the pure
 * {@link CoreAllocationStatusBuilder}), with Events on phase transitions and on drift repair, and
 * on the pod when its {@code Noisy} condition turns True or back.
 */
final class AllocationStatusWriter {

  /** Reasons of the Events about a held CPU's noise, recorded on the pod and its allocation. */
  enum NoiseEventReason implements EventReason {
    /** A held CPU breached the profile's held-CPU noise SLO for its forSeconds. */
    Noisy("Warning"),
    /** The allocation's held CPUs are within the SLO again. */
    NoiseCleared("Normal");

    private final String type;

    NoiseEventReason(String type) {
      this.type = type;
    }

    @Override
    public String type() {
      return type;
    }
  }

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
  private volatile CoreAllocationStatusBuilder.NoiseVerdicts noise =
      CoreAllocationStatusBuilder.NoiseVerdicts.NONE;

  AllocationStatusWriter(KubernetesClient client, String nodeName, EventRecorder events) {
    this.client = client;
    this.nodeName = nodeName;
    this.events = events;
  }

  /** Where the {@code Noisy} condition of allocations holding CPUs exclusively comes from. */
  void noise(CoreAllocationStatusBuilder.NoiseVerdicts verdicts) {
    this.noise = verdicts;
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
        CoreAllocationStatus built =
            withNoise(ca, CoreAllocationStatusBuilder.build(ca.getStatus(), r, now), decoded, now);
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
      recorded += recordNoise(ca, status);
    }
    return new Written(patches, recorded);
  }

  /** The {@code Noisy} condition of an allocation holding CPUs exclusively; none otherwise. */
  private CoreAllocationStatus withNoise(
      CoreAllocation ca, CoreAllocationStatus built, DecodedPass decoded, String now) {
    DesiredAllocation desired = decoded.byKey().get(DesiredAllocationMapper.key(ca));
    CpuSet exclusive = CpuSet.empty();
    if (desired != null) {
      for (DesiredContainer c : desired.containers()) {
        if (c.exclusive()) {
          exclusive = exclusive.union(c.cpus());
        }
      }
    }
    return CoreAllocationStatusBuilder.withNoisy(
        built,
        ca.getStatus(),
        exclusive.isEmpty() ? Optional.empty() : noise.noisy(exclusive),
        now);
  }

  /** A Warning on the pod (and the allocation) when Noisy turns True; Normal when it clears. */
  private int recordNoise(CoreAllocation ca, CoreAllocationStatus status) {
    String type = CoreAllocationStatusBuilder.NOISY;
    boolean was = ca.getStatus() != null && Conditions.isTrue(ca.getStatus().conditions(), type);
    boolean is = Conditions.isTrue(status.conditions(), type);
    if (was == is || ca.getSpec() == null) {
      return 0;
    }
    if (is) {
      String message = Conditions.find(status.conditions(), type).orElseThrow().getMessage();
      events.record(podOf(ca), NoiseEventReason.Noisy, message);
      events.record(ca, NoiseEventReason.Noisy, message);
      return 2;
    }
    Optional<String> message = Conditions.find(status.conditions(), type).map(c -> c.getMessage());
    if (message.isEmpty() && status.phase() != Phase.Applied) {
      return 0; // released or rejected: not cleared, the CPU stays quarantined until clean
    }
    events.record(
        podOf(ca),
        NoiseEventReason.NoiseCleared,
        message.orElse("the profile no longer sets a held-CPU noise SLO"));
    return 1;
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
          "could not write the status of %s: %s",
          DesiredAllocationMapper.key(ca), ApiFailure.describe(e));
      return false;
    }
  }
}
