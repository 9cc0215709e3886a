package io.isocore.operator.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Writes the pod's PodScheduled=False condition (reason Unschedulable, the exact shortfall as
 * message), as the kube-scheduler does, and only when it differs from what the pod shows.
 */
public final class PodConditionPublisher {
  public static final String POD_SCHEDULED = "PodScheduled";
  public static final String UNSCHEDULABLE = "Unschedulable";
  private static final Logger LOG = Logger.getLogger(PodConditionPublisher.class);

  private final KubernetesClient client;
  private final Clock clock;
  // What this replica last wrote per pod UID: the informer shows our patch a moment later, and a
  // cycle in between must not write (and record an Event) twice.
  private final Map<String, String> written = new ConcurrentHashMap<>();

  public PodConditionPublisher(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /** Returns true when the condition changed (and was written). */
  public boolean markUnschedulable(Pod pod, String message) {
    Optional<PodCondition> current = podScheduled(pod);
    if (current.isPresent()
        && "False".equals(current.get().getStatus())
        && UNSCHEDULABLE.equals(current.get().getReason())
        && message.equals(current.get().getMessage())) {
      written.put(pod.getMetadata().getUid(), message);
      return false;
    }
    if (message.equals(written.get(pod.getMetadata().getUid()))) {
      return false;
    }
    String now =
        DateTimeFormatter.ISO_INSTANT.format(Instant.now(clock).truncatedTo(ChronoUnit.SECONDS));
    boolean transition = current.isEmpty() || !"False".equals(current.get().getStatus());
    PodCondition condition =
        new PodConditionBuilder()
            .withType(POD_SCHEDULED)
            .withStatus("False")
            .withReason(UNSCHEDULABLE)
            .withMessage(message)
            .withLastProbeTime(now)
            .withLastTransitionTime(transition ? now : current.get().getLastTransitionTime())
            .build();
    List<PodCondition> conditions = new ArrayList<>();
    if (pod.getStatus() != null && pod.getStatus().getConditions() != null) {
      pod.getStatus().getConditions().stream()
          .filter(c -> !POD_SCHEDULED.equals(c.getType()))
          .forEach(conditions::add);
    }
    conditions.add(condition);
    String patch = Serialization.asJson(Map.of("status", Map.of("conditions", conditions)));
    try {
      client
          .pods()
          .inNamespace(pod.getMetadata().getNamespace())
          .withName(pod.getMetadata().getName())
          .subresource("status")
          .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
      written.put(pod.getMetadata().getUid(), message);
      return true;
    } catch (KubernetesClientException e) {
      LOG.warnf(
          "could not mark pod %s/%s unschedulable: %s",
          pod.getMetadata().getNamespace(), pod.getMetadata().getName(), e.getMessage());
      return false;
    }
  }

  /** Forgets pods that are no longer pending (placed, deleted), keeping the memo bounded. */
  public void retainOnly(Set<String> pendingUids) {
    written.keySet().retainAll(pendingUids);
  }

  public static Optional<PodCondition> podScheduled(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return pod.getStatus().getConditions().stream()
        .filter(c -> POD_SCHEDULED.equals(c.getType()))
        .findFirst();
  }
}
