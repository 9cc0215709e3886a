package io.isocore.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.isocore.api.v1alpha1.LatencyTenant;
import io.isocore.api.v1alpha1.LatencyTenantStatus;
import io.isocore.api.v1alpha1.ShareErrorCores;
import io.isocore.core.admission.TenantStatus;
import io.isocore.kube.status.Conditions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The one place a LatencyTenant's status is built. */
public final class TenantStatuses {
  public static final String READY = "Ready";

  private TenantStatuses() {}

  /**
   * @param tenant the resource as last seen
   * @param figures the admission queue's figures for it
   * @param problem why it is not usable, if so (tickets below 1, no namespaces, bad window)
   * @param contested namespaces it shares with another tenant (their pods are not placed)
   * @param shareErrors admitted minus owed cores per window size in admissions (10, 100, 1000);
   *     absent windows are written as 0
   */
  public static LatencyTenantStatus build(
      LatencyTenant tenant,
      TenantStatus figures,
      Optional<String> problem,
      List<String> contested,
      Map<Integer, Double> shareErrors,
      Instant now) {
    Long generation = tenant.getMetadata().getGeneration();
    List<Condition> previous =
        tenant.getStatus() == null ? List.of() : tenant.getStatus().conditions();
    Condition ready;
    if (problem.isPresent()) {
      ready =
          Conditions.condition(
              previous, READY, false, "InvalidSpec", problem.get(), generation, now);
    } else if (!contested.isEmpty()) {
      ready =
          Conditions.condition(
              previous,
              READY,
              false,
              "NamespaceConflict",
              "namespaces "
                  + String.join(", ", contested)
                  + " are also claimed by another LatencyTenant; their pods are not placed until"
                  + " one tenant lets go",
              generation,
              now);
    } else {
      ready =
          Conditions.condition(
              previous,
              READY,
              true,
              "Admitting",
              "pods of the tenant are admitted in stride order",
              generation,
              now);
    }
    return new LatencyTenantStatus(
        generation,
        figures.effectiveTickets(),
        figures.inflationActive(),
        Math.round(figures.entitledCores() * 100) / 100.0,
        figures.allocatedCores(),
        figures.pendingPods(),
        figures.pass(),
        new ShareErrorCores(
            hundredths(shareErrors.getOrDefault(10, 0.0)),
            hundredths(shareErrors.getOrDefault(100, 0.0)),
            hundredths(shareErrors.getOrDefault(1_000, 0.0))),
        List.of(ready));
  }

  private static double hundredths(double value) {
    double rounded = Math.round(value * 100) / 100.0;
    return rounded == 0 ? 0.0 : rounded; // never -0.0, which would differ from 0.0 in equals
  }

  /**
   * Whether going from {@code before} to {@code after} changes something a human acts on (the Ready
   * condition or the generation it describes) rather than figures alone.
   */
  public static boolean urgent(LatencyTenantStatus before, LatencyTenantStatus after) {
    if (before == null) {
      return true;
    }
    return !java.util.Objects.equals(before.observedGeneration(), after.observedGeneration())
        || !java.util.Objects.equals(readiness(before.conditions()), readiness(after.conditions()));
  }

  private static String readiness(List<Condition> conditions) {
    if (conditions == null) {
      return "";
    }
    return conditions.stream()
        .filter(c -> READY.equals(c.getType()))
        .map(c -> c.getStatus() + "/" + c.getReason())
        .findFirst()
        .orElse("");
  }
}
