package io.isocore.operator.status;

import io.isocore.api.v1alpha1.Condition;
import io.isocore.api.v1alpha1.Condition.ConditionStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/** Builds conditions whose lastTransitionTime changes only when their status does. */
public final class Conditions {
  private Conditions() {}

  public static Condition condition(
      List<Condition> previous,
      String type,
      boolean status,
      String reason,
      String message,
      Long observedGeneration,
      Instant now) {
    ConditionStatus value = status ? ConditionStatus.True : ConditionStatus.False;
    String transition =
        find(previous, type)
            .filter(c -> c.status() == value && c.lastTransitionTime() != null)
            .map(Condition::lastTransitionTime)
            .orElse(now.truncatedTo(ChronoUnit.SECONDS).toString());
    return new Condition(type, value, reason, message, observedGeneration, transition);
  }

  public static Optional<Condition> find(List<Condition> conditions, String type) {
    return conditions == null
        ? Optional.empty()
        : conditions.stream().filter(c -> type.equals(c.type())).findFirst();
  }
}
