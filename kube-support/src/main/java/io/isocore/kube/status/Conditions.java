package io.isocore.kube.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Status conditions with Kubernetes' semantics, on Kubernetes' own condition type: {@code
 * lastTransitionTime} changes only when {@code status} does, {@code observedGeneration} names the
 * spec a condition was computed from. The one implementation for every status builder.
 */
public final class Conditions {

  /** The status values. */
  public static final String TRUE = "True";

  /** The status values. */
  public static final String FALSE = "False";

  /** The status values. */
  public static final String UNKNOWN = "Unknown";

  private Conditions() {}

  /**
   * A condition whose transition time is carried over from {@code previous} when the status is
   * unchanged, else {@code now} (to the second, as the API server stores it).
   */
  public static Condition condition(
      List<Condition> previous,
      String type,
      String status,
      String reason,
      String message,
      Long observedGeneration,
      Instant now) {
    return condition(
        previous,
        type,
        status,
        reason,
        message,
        observedGeneration,
        now.truncatedTo(ChronoUnit.SECONDS).toString());
  }

  /**
   * The same with the current time already formatted (RFC 3339), for callers that stamp several
   * fields with one time string.
   */
  public static Condition condition(
      List<Condition> previous,
      String type,
      String status,
      String reason,
      String message,
      Long observedGeneration,
      String now) {
    String transition =
        find(previous, type)
            .filter(c -> status.equals(c.getStatus()) && c.getLastTransitionTime() != null)
            .map(Condition::getLastTransitionTime)
            .orElse(now);
    return new ConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason)
        .withMessage(message)
        .withObservedGeneration(observedGeneration)
        .withLastTransitionTime(transition)
        .build();
  }

  /** The same with a boolean status. */
  public static Condition condition(
      List<Condition> previous,
      String type,
      boolean status,
      String reason,
      String message,
      Long observedGeneration,
      Instant now) {
    return condition(
        previous, type, status ? TRUE : FALSE, reason, message, observedGeneration, now);
  }

  /** The condition of this type, if any. */
  public static Optional<Condition> find(List<Condition> conditions, String type) {
    return conditions == null
        ? Optional.empty()
        : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  /** Whether the condition of this type is {@code True}. */
  public static boolean isTrue(List<Condition> conditions, String type) {
    return find(conditions, type).map(c -> TRUE.equals(c.getStatus())).orElse(false);
  }

  /**
   * Whether two condition lists say the same, ignoring transition times: what decides whether a
   * status needs writing.
   */
  public static boolean sameIgnoringTime(List<Condition> a, List<Condition> b) {
    List<Condition> left = a == null ? List.of() : a;
    List<Condition> right = b == null ? List.of() : b;
    if (left.size() != right.size()) {
      return false;
    }
    for (int i = 0; i < left.size(); i++) {
      Condition x = left.get(i);
      Condition y = right.get(i);
      if (!Objects.equals(x.getType(), y.getType())
          || !Objects.equals(x.getStatus(), y.getStatus())
          || !Objects.equals(x.getReason(), y.getReason())
          || !Objects.equals(x.getMessage(), y.getMessage())
          || !Objects.equals(x.getObservedGeneration(), y.getObservedGeneration())) {
        return false;
      }
    }
    return true;
  }
}
