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
import io.isocore.mapping.profile.IsolationProfiles;
import io.isocore.operator.catalog.ClusterView;
import io.isocore.operator.catalog.NodeCatalog;
import io.isocore.operator.catalog.TenantDirectory;
import io.isocore.operator.kube.EventReason;
import io.isocore.operator.kube.StatusPublisher;
import io.isocore.operator.metrics.OperatorMetrics;
import io.isocore.operator.status.ProfileStatuses;
import io.isocore.operator.status.StatusPacer;
import io.isocore.operator.status.TenantStatuses;
import java.time.Duration;
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
  private final StatusPacer tenantPacer;

  /** The least time between two figure-only writes of one LatencyTenant's status. */
  public static final Duration TENANT_STATUS_INTERVAL = Duration.ofSeconds(5);

  public StatusStep(
      ClusterView view, StatusPublisher statuses, EventRecorder events, OperatorMetrics metrics) {
    this(view, statuses, events, metrics, TENANT_STATUS_INTERVAL);
  }

  /**
   * @param tenantStatusInterval the least time between two writes of a LatencyTenant status whose
   *     Ready condition did not change (figures, stride pass, share error are batched)
   */
  public StatusStep(
      ClusterView view,
      StatusPublisher statuses,
      EventRecorder events,
      OperatorMetrics metrics,
      Duration tenantStatusInterval) {
    this.view = view;
    this.statuses = statuses;
    this.events = events;
    this.metrics = metrics;
    this.tenantPacer = new StatusPacer(tenantStatusInterval);
  }

  /**
   * Writes what changed.
   *
   * @return how soon a held LatencyTenant status is due ({@link Duration#ZERO} when none is held)
   */
  Duration publish(Ledger ledger, NodeCatalog catalog, TenantDirectory tenants, Instant now) {
    Duration held = publishTenants(ledger, tenants, now);
    metrics.setInvalid("LatencyTenant", tenants.problems().size());
    publishProfiles(catalog, now);
    reportNodes(catalog);
    return held;
  }

  private Duration publishTenants(Ledger ledger, TenantDirectory tenants, Instant now) {
    Map<String, LatencyTenant> byName =
        view.tenants().stream()
            .collect(Collectors.toMap(t -> t.getMetadata().getName(), Function.identity()));
    Map<String, Map<Integer, Double>> shareErrors = ledger.queue.shareErrors();
    Duration held = Duration.ZERO;
    for (TenantStatus figures : ledger.queue.statuses(now, ledger.state.usableCores())) {
      LatencyTenant tenant = byName.get(figures.name());
      if (tenant == null) {
        continue;
      }
      Map<Integer, Double> errors = shareErrors.getOrDefault(figures.name(), Map.of());
      metrics.setTenant(
          figures.name(),
          figures.effectiveTickets(),
          figures.entitledCores(),
          figures.allocatedCores());
      metrics.setShareErrors(figures.name(), ledger.queue.shareErrorWindows(), errors);
      Optional<String> problem =
          Optional.ofNullable(tenants.problems().get(figures.name())).or(figures::invalidReason);
      LatencyTenantStatus status =
          TenantStatuses.build(
              tenant, figures, problem, tenants.contestedNamespaces(figures.name()), errors, now);
      String uid = String.valueOf(tenant.getMetadata().getUid());
      Duration wait = tenantPacer.due(uid, TenantStatuses.urgent(tenant.getStatus(), status), now);
      if (wait.isPositive()) {
        if (!status.equals(tenant.getStatus())) {
          held = held.isZero() || wait.compareTo(held) < 0 ? wait : held;
        }
        continue;
      }
      boolean wasReady = ready(tenant.getStatus() == null ? null : tenant.getStatus().conditions());
      boolean written = statuses.publish(tenant, status);
      if (written) {
        tenantPacer.written(uid, now);
      }
      if (written && !ready(status.conditions()) && (wasReady || tenant.getStatus() == null)) {
        events.record(
            tenant, EventReason.InvalidTenant, status.conditions().getFirst().getMessage());
      }
    }
    tenantPacer.retain(
        byName.values().stream().map(t -> String.valueOf(t.getMetadata().getUid())).toList());
    return held;
  }

  private void publishProfiles(NodeCatalog catalog, Instant now) {
    for (IsolationProfile profile : view.profiles()) {
      IsolationProfileStatus status = ProfileStatuses.build(profile, catalog, now);
      boolean wasReady =
          ready(profile.getStatus() == null ? null : profile.getStatus().conditions());
      boolean sloWasInvalid =
          profile.getStatus() != null
              && Conditions.find(
                      profile.getStatus().conditions(), ProfileStatuses.HELD_CPU_NOISE_SLO)
                  .filter(c -> "False".equals(c.getStatus()))
                  .isPresent();
      boolean invalid = catalog.profileProblems().containsKey(profile.getMetadata().getName());
      boolean written = statuses.publish(profile, status);
      if (written && invalid && (wasReady || profile.getStatus() == null)) {
        events.record(
            profile,
            EventReason.InvalidProfile,
            catalog.profileProblems().get(profile.getMetadata().getName()));
      }
      Optional<String> sloProblem = IsolationProfiles.heldCpuSloProblem(profile);
      if (written && !invalid && sloProblem.isPresent() && !sloWasInvalid) {
        events.record(profile, EventReason.InvalidProfile, sloProblem.get());
      }
    }
  }

  private void reportNodes(NodeCatalog catalog) {
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
  }

  private static boolean ready(List<Condition> conditions) {
    return Conditions.isTrue(conditions, "Ready");
  }
}
