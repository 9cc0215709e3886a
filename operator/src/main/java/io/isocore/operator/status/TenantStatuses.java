package io.isocore.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.isocore.api.v1alpha1.LatencyTenant;
import io.isocore.api.v1alpha1.LatencyTenantStatus;
import io.isocore.core.admission.TenantStatus;
import io.isocore.kube.status.Conditions;
import java.time.Instant;
import java.util.List;
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
   */
  public static LatencyTenantStatus build(
      LatencyTenant tenant,
      TenantStatus figures,
      Optional<String> problem,
      List<String> contested,
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
        List.of(ready));
  }
}
