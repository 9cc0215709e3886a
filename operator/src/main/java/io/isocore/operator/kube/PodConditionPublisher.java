package io.isocore.operator.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.isocore.kube.api.ApiFailure;
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
 * Writes the pod conditions the operator owns, only when they differ from what the pod shows: the
 * pod's PodScheduled=False condition (reason Unschedulable, the exact shortfall as message), as the
 * kube-scheduler does, and the {@value #TICKET_TRANSFER} condition of a pod that lends tickets.
 */
public final class PodConditionPublisher {
  public static final String POD_SCHEDULED = "PodScheduled";
  public static final String UNSCHEDULABLE = "Unschedulable";

  /** The condition a pod's ticket transfer shows (docs/tenants.md). */
  public static final String TICKET_TRANSFER = "isocore.io/TicketTransfer";

  public static final String LENDING = "Lending";
  public static final String TRANSFER_REFUSED = "TransferRefused";
  public static final String NO_TRANSFER = "NoTransfer";
  private static final Logger LOG = Logger.getLogger(PodConditionPublisher.class);

  private final KubernetesClient client;
  private final Clock clock;
  // What this replica last wrote per pod UID: the informer shows our patch a moment later, and a
  // cycle in between must not write (and record an Event) twice.
  private final Map<String, String> written = new ConcurrentHashMap<>();
  // The same for transfer conditions, per lender pod UID.
  private final Map<String, String> transfers = new ConcurrentHashMap<>();

  public PodConditionPublisher(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /** Returns true when the condition changed (and was written). */
  public boolean markUnschedulable(Pod pod, String message) {
    return set(pod, POD_SCHEDULED, "False", UNSCHEDULABLE, message, written, "mark unschedulable");
  }

  /**
   * Sets the pod's transfer condition ({@value #TICKET_TRANSFER}) where it differs from what the
   * pod shows: True with reason {@code Lending} when its tickets are lent, False with reason {@code
   * TransferRefused} and the reason naming the annotation when refused, False with reason {@code
   * NoTransfer} once the annotation is gone from a pod that had the condition.
   *
   * @return true when the condition changed (and was written)
   */
  public boolean markTransfer(Pod pod, boolean lending, String reason, String message) {
    if (condition(pod, TICKET_TRANSFER).isEmpty() && NO_TRANSFER.equals(reason)) {
      return false; // never had one: nothing to say
    }
    return set(
        pod,
        TICKET_TRANSFER,
        lending ? "True" : "False",
        reason,
        message,
        transfers,
        "set the ticket transfer condition of");
  }

  /**
   * Writes condition {@code type} unless the pod shows it already, or this replica wrote it and the
   * informer has not caught up ({@code memo}, per pod UID). The transition time moves only when the
   * status does.
   */
  private boolean set(
      Pod pod,
      String type,
      String status,
      String reason,
      String message,
      Map<String, String> memo,
      String what) {
    Optional<PodCondition> current = condition(pod, type);
    String key = pod.getMetadata().getUid();
    String wanted = status + "\n" + reason + "\n" + message;
    if (current.isPresent()
        && status.equals(current.get().getStatus())
        && reason.equals(current.get().getReason())
        && message.equals(current.get().getMessage())) {
      memo.put(key, wanted);
      return false;
    }
    if (wanted.equals(memo.get(key))) {
      return false;
    }
    String now =
        DateTimeFormatter.ISO_INSTANT.format(Instant.now(clock).truncatedTo(ChronoUnit.SECONDS));
    boolean transition = current.isEmpty() || !status.equals(current.get().getStatus());
    PodCondition condition =
        new PodConditionBuilder()
            .withType(type)
            .withStatus(status)
            .withReason(reason)
            .withMessage(message)
            .withLastProbeTime(now)
            .withLastTransitionTime(transition ? now : current.get().getLastTransitionTime())
            .build();
    if (!write(pod, condition, what)) {
      return false;
    }
    memo.put(key, wanted);
    return true;
  }

  /**
   * Replaces or appends one condition with a JSON Patch on pods/status, guarded by a {@code test}
   * of the index it replaces: the kubelet and other controllers write their own conditions of the
   * same list, and a merge patch of the whole list would overwrite theirs with our stale copy. A
   * failed test (the list moved) is a 422: the next cycle reads the pod again.
   */
  private boolean write(Pod pod, PodCondition condition, String what) {
    List<PodCondition> conditions =
        pod.getStatus() == null || pod.getStatus().getConditions() == null
            ? List.of()
            : pod.getStatus().getConditions();
    List<Map<String, Object>> ops = new ArrayList<>();
    int index = -1;
    for (int i = 0; i < conditions.size(); i++) {
      if (condition.getType().equals(conditions.get(i).getType())) {
        index = i;
        break;
      }
    }
    if (index >= 0) {
      String path = "/status/conditions/" + index;
      ops.add(Map.of("op", "test", "path", path + "/type", "value", condition.getType()));
      ops.add(Map.of("op", "replace", "path", path, "value", condition));
    } else if (!conditions.isEmpty()) {
      ops.add(Map.of("op", "add", "path", "/status/conditions/-", "value", condition));
    } else if (pod.getStatus() != null) {
      // No list yet (it is omitted when empty): creating it must not replace one written since
      // this copy was read, so the patch holds only against this resource version.
      String version = pod.getMetadata().getResourceVersion();
      if (version != null) {
        ops.add(Map.of("op", "test", "path", "/metadata/resourceVersion", "value", version));
      }
      ops.add(Map.of("op", "add", "path", "/status/conditions", "value", List.of(condition)));
    } else {
      ops.add(
          Map.of(
              "op", "add", "path", "/status", "value", Map.of("conditions", List.of(condition))));
    }
    try {
      client
          .pods()
          .inNamespace(pod.getMetadata().getNamespace())
          .withName(pod.getMetadata().getName())
          .subresource("status")
          .patch(PatchContext.of(PatchType.JSON), Serialization.asJson(ops));
      return true;
    } catch (KubernetesClientException e) {
      LOG.warnf(
          "could not %s pod %s/%s: %s",
          what,
          pod.getMetadata().getNamespace(),
          pod.getMetadata().getName(),
          ApiFailure.describe(e));
      return false;
    }
  }

  /** Forgets pods that are no longer pending (placed, deleted), keeping the memo bounded. */
  public void retainOnly(Set<String> pendingUids) {
    written.keySet().retainAll(pendingUids);
  }

  /** Forgets transfer conditions of pods that no longer hold an allocation. */
  public void retainTransfers(Set<String> heldUids) {
    transfers.keySet().retainAll(heldUids);
  }

  public static Optional<PodCondition> podScheduled(Pod pod) {
    return condition(pod, POD_SCHEDULED);
  }

  /** The pod's condition of {@code type}, if it shows one. */
  public static Optional<PodCondition> condition(Pod pod, String type) {
    if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return pod.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst();
  }
}
