package io.isocore.operator.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import io.quarkus.runtime.Startup;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The operator's series, for the scheduler to call: placement latency and outcomes, pending pods
 * per tenant, each tenant's effective tickets, entitlement and allocation, and leadership. All
 * methods are cheap and thread-safe.
 */
@Singleton
@Startup
public class OperatorMetrics {

  /**
   * Classic buckets for one placement, decision to settled commit: 50 µs to 60 s (a commit waits on
   * API round trips and read-backs; a 5 s placement must not read as the top bucket).
   */
  static final double[] PLACEMENT_BUCKETS_SECONDS = {
    50e-6, 100e-6, 250e-6, 500e-6, 1e-3, 2.5e-3, 5e-3, 10e-3, 25e-3, 50e-3, 100e-3, 250e-3, 500e-3,
    1.0, 2.5, 5.0, 10.0, 30.0, 60.0
  };

  private final Histogram placementDuration;
  private final Counter placements;
  private final Gauge pending;
  private final Gauge pendingOldest;
  private final Gauge effectiveTickets;
  private final Gauge entitledCores;
  private final Gauge allocatedCores;
  private final Gauge leader;
  private final Gauge invalidObjects;
  private final Gauge shareError;
  private volatile List<Integer> shareErrorWindows = List.of();

  /** Registers the series in {@code registry}; every outcome starts at 0, leadership at 0. */
  @Inject
  public OperatorMetrics(PrometheusRegistry registry) {
    placementDuration =
        Histogram.builder()
            .name("isocore_placement_duration_seconds")
            .help("Time to take one scheduling decision, by outcome.")
            .unit(Unit.SECONDS)
            .labelNames("outcome")
            .classicOnly()
            .classicUpperBounds(PLACEMENT_BUCKETS_SECONDS)
            .withoutExemplars()
            .register(registry);
    placements =
        Counter.builder()
            .name("isocore_placements_total")
            .help("Scheduling decisions, by outcome.")
            .labelNames("outcome")
            .withoutExemplars()
            .register(registry);
    pending =
        Gauge.builder()
            .name("isocore_pending_pods")
            .help("Latency pods waiting for placement, per tenant (\"\" for pods of no tenant).")
            .labelNames("tenant")
            .register(registry);
    pendingOldest =
        Gauge.builder()
            .name("isocore_pending_pod_oldest_seconds")
            .help(
                "Age of the oldest latency pod waiting for placement, per tenant (0 when none"
                    + " waits; leader only).")
            .unit(Unit.SECONDS)
            .labelNames("tenant")
            .register(registry);
    effectiveTickets =
        Gauge.builder()
            .name("isocore_tenant_effective_tickets")
            .help("A tenant's tickets after inflation and transfers.")
            .labelNames("tenant")
            .register(registry);
    entitledCores =
        Gauge.builder()
            .name("isocore_tenant_entitled_cores")
            .help("A tenant's share of the isolated cores among active tenants.")
            .labelNames("tenant")
            .register(registry);
    allocatedCores =
        Gauge.builder()
            .name("isocore_tenant_allocated_cores")
            .help("Isolated cores a tenant holds.")
            .labelNames("tenant")
            .register(registry);
    shareError =
        Gauge.builder()
            .name("isocore_tenant_share_error_cores")
            .help(
                "Cores admitted minus cores owed by tickets (among the tenants waiting at each"
                    + " admission), over the last `window` admissions; leader only.")
            .labelNames("tenant", "window")
            .register(registry);
    leader =
        Gauge.builder()
            .name("isocore_operator_leader")
            .help("1 when this replica holds the leader Lease.")
            .register(registry);
    invalidObjects =
        Gauge.builder()
            .name("isocore_invalid_objects")
            .help(
                "Objects the scheduler cannot use as written, by kind (NodeTopology,"
                    + " IsolationProfile, LatencyTenant); each removes only itself.")
            .labelNames("kind")
            .register(registry);
    for (PlacementOutcome o : PlacementOutcome.values()) {
      placements.labelValues(o.label());
      placementDuration.labelValues(o.label());
    }
    leader.set(0);
  }

  /** Records one scheduling decision and how long it took. */
  public void recordPlacement(Duration took, PlacementOutcome outcome) {
    placementDuration.labelValues(outcome.label()).observe(took.toNanos() / 1e9);
    placements.labelValues(outcome.label()).inc();
  }

  /** Sets the number of pending latency pods of {@code tenant} (null: pods of no tenant). */
  public void setPending(String tenant, int pods) {
    pending.labelValues(tenantLabel(tenant)).set(pods);
  }

  /**
   * Sets how long the oldest pending latency pod of {@code tenant} (null: pods of no tenant) has
   * waited since it was created; {@link Duration#ZERO} when none waits. Unlike the count, this does
   * not stay up while a tenant's pods keep replacing each other in the queue.
   */
  public void setPendingOldest(String tenant, Duration age) {
    pendingOldest.labelValues(tenantLabel(tenant)).set(Math.max(0, age.toNanos()) / 1e9);
  }

  /** Sets a tenant's effective tickets, entitled cores and allocated cores. */
  public void setTenant(
      String tenant, double effectiveTickets, double entitledCores, double allocatedCores) {
    String t = tenantLabel(tenant);
    this.effectiveTickets.labelValues(t).set(effectiveTickets);
    this.entitledCores.labelValues(t).set(entitledCores);
    this.allocatedCores.labelValues(t).set(allocatedCores);
  }

  /** Drops a deleted tenant's series so they do not linger at their last value. */
  public void removeTenant(String tenant) {
    String t = tenantLabel(tenant);
    pending.remove(t);
    pendingOldest.remove(t);
    effectiveTickets.remove(t);
    entitledCores.remove(t);
    allocatedCores.remove(t);
    shareErrorWindows.forEach(w -> shareError.remove(t, String.valueOf(w)));
  }

  /**
   * Sets a tenant's share error per window size (admissions); a window without a figure is 0.
   *
   * @param windows the window sizes tracked (a bounded label set: three values)
   */
  public void setShareErrors(String tenant, List<Integer> windows, Map<Integer, Double> errors) {
    String t = tenantLabel(tenant);
    shareErrorWindows = List.copyOf(windows);
    for (int window : windows) {
      shareError.labelValues(t, String.valueOf(window)).set(errors.getOrDefault(window, 0.0));
    }
  }

  /** Sets how many objects of a kind cannot be used as written. */
  public void setInvalid(String kind, int objects) {
    invalidObjects.labelValues(kind).set(objects);
  }

  /**
   * Drops every series that describes the cluster rather than this replica (pending pods, tenant
   * figures, invalid objects): only the leader exports them, so a sum over replicas does not count
   * twice after a failover.
   */
  public void clearClusterGauges() {
    pending.clear();
    pendingOldest.clear();
    effectiveTickets.clear();
    entitledCores.clear();
    allocatedCores.clear();
    shareError.clear();
    invalidObjects.clear();
  }

  /**
   * Sets whether this replica leads. The series stays on a standby (at 0, from startup on), so a
   * sum over replicas counts leaders and an alert can tell "no leader" from "not scraped".
   */
  public void setLeader(boolean leading) {
    leader.set(leading ? 1 : 0);
  }

  private static String tenantLabel(String tenant) {
    return tenant == null ? "" : tenant;
  }
}
