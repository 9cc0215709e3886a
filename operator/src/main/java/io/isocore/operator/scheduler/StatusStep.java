package io.isocore.operator.scheduler;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Node;
import io.isocore.api.v1alpha1.IsolationProfile;
import io.isocore.api.v1alpha1.IsolationProfileStatus;
import io.isocore.api.v1alpha1.LatencyTenant;
import io.isocore.api.v1alpha1.LatencyTenantStatus;
import io.isocore.core.admission.TenantStatus;
import io.isocore.kube.events.EventRecorder;
import io.isocore.kube.status.Conditions;
import io.isocore.operator.catalog.ClusterView;
import io.isocore.operator.catalog.NodeCatalog;
import io.isocore.operator.catalog.TenantDirectory;
import io.isocore.operator.kube.EventReason;
import io.isocore.operator.kube.StatusPublisher;
import io.isocore.operator.metrics.OperatorMetrics;
import io.isocore.operator.status.ProfileStatuses;
import io.isocore.operator.status.TenantStatuses;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Writes LatencyTenant and IsolationProfile status when it changed, and records an Event when one
 * becomes unusable, or when a node a profile selects has no NodeTopology.
 */
public final class StatusStep {
  private final ClusterView view;
  private final StatusPublisher statuses;
  private final EventRecorder events;
  private final OperatorMetrics metrics;
  private final Set<String> nodesWithoutTopology = new HashSet<>();
  private final Map<String, String> unreadableTopologies = new java.util.HashMap<>();

  public StatusStep(
      ClusterView view, StatusPublisher statuses, EventRecorder events, OperatorMetrics metrics) {
    this.view = view;
    this.statuses = statuses;
    this.events = events;
    this.metrics = metrics;
  }

  void publish(Ledger ledger, NodeCatalog catalog, TenantDirectory tenants, Instant now) {
    Map<String, LatencyTenant> byName =
        view.tenants().stream()
            .collect(Collectors.toMap(t -> t.getMetadata().getName(), Function.identity()));
    for (TenantStatus figures : ledger.queue.statuses(now, ledger.state.usableCores())) {
      LatencyTenant tenant = byName.get(figures.name());
      if (tenant == null) {
        continue;
      }
      metrics.setTenant(
          figures.name(),
          figures.effectiveTickets(),
          figures.entitledCores(),
          figures.allocatedCores());
      Optional<String> problem =
          Optional.ofNullable(tenants.problems().get(figures.name())).or(figures::invalidReason);
      LatencyTenantStatus status =
          TenantStatuses.build(
              tenant, figures, problem, tenants.contestedNamespaces(figures.name()), now);
      boolean wasReady = ready(tenant.getStatus() == null ? null : tenant.getStatus().conditions());
      if (statuses.publish(tenant, status)
          && !ready(status.conditions())
          && (wasReady || tenant.getStatus() == null)) {
        events.record(
            tenant, EventReason.InvalidTenant, status.conditions().getFirst().getMessage());
      }
    }
    for (IsolationProfile profile : view.profiles()) {
      IsolationProfileStatus status = ProfileStatuses.build(profile, catalog, now);
      boolean wasReady =
          ready(profile.getStatus() == null ? null : profile.getStatus().conditions());
      boolean invalid = catalog.profileProblems().containsKey(profile.getMetadata().getName());
      if (statuses.publish(profile, status)
          && invalid
          && (wasReady || profile.getStatus() == null)) {
        events.record(
            profile,
            EventReason.InvalidProfile,
            catalog.profileProblems().get(profile.getMetadata().getName()));
      }
    }
    Set<String> missing = new HashSet<>();
    Set<String> unreadable = new HashSet<>();
    for (Node node : view.nodes()) {
      String name = node.getMetadata().getName();
      String reason = catalog.unusable().get(name);
      if (reason != null && reason.contains("unreadable NodeTopology")) {
        unreadable.add(name);
        if (!reason.equals(unreadableTopologies.put(name, reason))) {
          // The NodeTopology's status is the agent's: the Event goes on the Node it describes.
          events.record(
              node,
              EventReason.InvalidTopology,
              reason + "; isocore places nothing on this node until the agent rewrites it");
        }
      }
      if (reason != null && reason.contains("no NodeTopology")) {
        missing.add(name);
        if (nodesWithoutTopology.add(name)) {
          events.record(
              node,
              EventReason.MissingTopology,
              "an IsolationProfile selects this node but it has no NodeTopology: isocore places nothing here until the isocore agent runs on it");
        }
      }
    }
    nodesWithoutTopology.retainAll(missing);
    unreadableTopologies.keySet().retainAll(unreadable);
    metrics.setInvalid("NodeTopology", unreadable.size());
    metrics.setInvalid("IsolationProfile", catalog.profileProblems().size());
    metrics.setInvalid("LatencyTenant", tenants.problems().size());
  }

  private static boolean ready(List<Condition> conditions) {
    return Conditions.isTrue(conditions, "Ready");
  }
}
