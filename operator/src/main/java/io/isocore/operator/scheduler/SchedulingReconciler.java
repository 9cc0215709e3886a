package io.isocore.operator.scheduler;

import io.isocore.api.v1alpha1.CoreAllocation;
import io.isocore.api.v1alpha1.LatencyTenant;
import io.isocore.api.v1alpha1.LatencyTenantStatus;
import io.isocore.core.admission.AdmissionQueue;
import io.isocore.core.admission.StrideQueue;
import io.isocore.core.alloc.AllocationConflictException;
import io.isocore.core.alloc.NodeInventory;
import io.isocore.core.alloc.PodAllocation;
import io.isocore.mapping.allocation.CoreAllocations;
import io.isocore.operator.catalog.ClusterView;
import io.isocore.operator.catalog.NodeCatalog;
import io.isocore.operator.catalog.TenantDirectory;
import io.isocore.operator.catalog.TopologyReader;
import io.isocore.operator.metrics.OperatorMetrics;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The level-triggered scheduling loop. Each {@link #reconcile()} reads the informers' caches and
 * converges: frees cores of pods that are gone, binds pods whose allocation was written but not
 * bound, admits pending pods, writes tenant and profile status. One decision at a time: every
 * method is synchronized and is called from the single scheduling thread (or a test).
 *
 * <p>Only the leader acts. {@link #startLeading()} rebuilds the in-memory state from the
 * CoreAllocations on the API server (never from a possibly stale cache) and moves nothing.
 */
public final class SchedulingReconciler {
  private static final Logger LOG = Logger.getLogger(SchedulingReconciler.class);

  private final Inputs inputs;
  private final ReleaseStep release;
  private final RepairStep repair;
  private final AdmissionStep admission;
  private final StatusStep status;
  private final TransferStep transfers;
  // Written only under this object's lock; volatile so leading() never waits for a cycle.
  private volatile Ledger ledger;

  /**
   * What the reconciler itself reads, beyond its steps.
   *
   * @param view the informers' caches
   * @param topologies reads a NodeTopology's status into the core model
   * @param newQueue a fresh admission queue (stride or lottery) for each leadership term
   * @param inflationAllowed tenants the configuration lets inflate their tickets
   * @param allocationsOnServer a fresh list of every CoreAllocation on the API server (not the
   *     cache), read when a term starts
   * @param metrics the leadership gauge
   */
  public record Inputs(
      ClusterView view,
      TopologyReader topologies,
      Supplier<AdmissionQueue> newQueue,
      Set<String> inflationAllowed,
      Supplier<List<CoreAllocation>> allocationsOnServer,
      OperatorMetrics metrics,
      Clock clock) {}

  public SchedulingReconciler(
      Inputs inputs,
      ReleaseStep release,
      RepairStep repair,
      AdmissionStep admission,
      TransferStep transfers,
      StatusStep status) {
    this.inputs = inputs;
    this.transfers = transfers;
    this.release = release;
    this.repair = repair;
    this.admission = admission;
    this.status = status;
  }

  /** Becomes the single writer: rebuilds state from the CoreAllocations on the API server. */
  public synchronized void startLeading() {
    Ledger fresh = new Ledger(inputs.newQueue().get());
    NodeCatalog catalog = catalog();
    syncNodes(fresh, catalog);
    List<CoreAllocation> existing = inputs.allocationsOnServer().get();
    int adopted = 0;
    for (CoreAllocation resource : existing) {
      try {
        PodAllocation allocation = CoreAllocations.decode(resource).allocation();
        var spec = CoreAllocations.decode(resource);
        fresh.state.adopt(allocation);
        allocation
            .tenant()
            .ifPresent(t -> fresh.queue.charge(t, fresh.state.heldCores(allocation.pod())));
        fresh.observed.add(allocation.pod());
        spec.ticketTransfer().ifPresent(t -> fresh.transfers.put(allocation.pod(), t));
        adopted++;
      } catch (IllegalArgumentException | AllocationConflictException e) {
        // Never delete what a pod may be running on: report and leave it to a human.
        LOG.errorf(
            "not adopting CoreAllocation %s/%s: %s",
            resource.getMetadata().getNamespace(),
            resource.getMetadata().getName(),
            e.getMessage());
      }
    }
    int restored = restorePasses(fresh);
    LOG.infof(
        "leading: rebuilt %d of %d CoreAllocations on %d usable nodes; %d stride passes restored",
        adopted, existing.size(), catalog.inventories().size(), restored);
    ledger = fresh;
    inputs.metrics().setLeader(true);
  }

  /**
   * Gives each tenant back the stride pass its status last recorded, so a restart does not forget
   * who overdrew (see {@link StrideQueue#restorePass}); nothing under lottery.
   */
  private int restorePasses(Ledger fresh) {
    if (!(fresh.queue instanceof StrideQueue stride)) {
      return 0;
    }
    int restored = 0;
    for (LatencyTenant tenant : inputs.view().tenants()) {
      LatencyTenantStatus status = tenant.getStatus();
      if (status == null || status.pass() == null || status.pass() < 0) {
        continue;
      }
      boolean waiting = status.pendingPods() != null && status.pendingPods() > 0;
      stride.restorePass(tenant.getMetadata().getName(), status.pass(), waiting);
      restored++;
    }
    return restored;
  }

  public synchronized void stopLeading() {
    ledger = null;
    inputs.metrics().setLeader(false);
    // Cluster-wide gauges come from the leader alone: a standby exports none.
    inputs.metrics().clearClusterGauges();
  }

  public boolean leading() {
    return ledger != null;
  }

  public synchronized CycleReport reconcile() {
    if (ledger == null) {
      return CycleReport.IDLE;
    }
    Instant now = inputs.clock().instant();
    admission.settle(ledger, now);
    NodeCatalog catalog = catalog();
    syncNodes(ledger, catalog);
    TenantDirectory tenants =
        TenantDirectory.of(inputs.view().tenants(), inputs.inflationAllowed());
    syncTenants(ledger, tenants);
    int released = release.release(ledger);
    repair.repair(ledger, tenants, now);
    int rebound = release.rebind(ledger);
    AdmissionReport admitted = admission.admit(ledger, catalog, tenants, now);
    transfers.sync(ledger, tenants, now);
    java.time.Duration held = status.publish(ledger, catalog, tenants, now);
    return new CycleReport(
        true, admitted.placed().size(), admitted.unschedulable().size(), released, rebound, held);
  }

  /** The allocations held now, for tests and diagnostics. */
  public synchronized List<PodAllocation> allocations() {
    return ledger == null ? List.of() : List.copyOf(ledger.state.allocations());
  }

  private NodeCatalog catalog() {
    var view = inputs.view();
    return NodeCatalog.build(view.nodes(), view::topology, view.profiles(), inputs.topologies());
  }

  private static void syncNodes(Ledger ledger, NodeCatalog catalog) {
    for (Map.Entry<String, NodeInventory> e : catalog.inventories().entrySet()) {
      if (!e.getValue().equals(ledger.applied.get(e.getKey()))) {
        ledger.state.putNode(e.getValue());
        ledger.applied.put(e.getKey(), e.getValue());
      }
    }
    for (String name : Set.copyOf(ledger.applied.keySet())) {
      if (!catalog.inventories().containsKey(name)) {
        ledger.state.removeNode(name);
        ledger.applied.remove(name);
      }
    }
  }

  private static void syncTenants(Ledger ledger, TenantDirectory tenants) {
    tenants.tenants().values().forEach(ledger.queue::putTenant);
    Set<String> charged = new HashSet<>();
    ledger.state.allocations().forEach(a -> a.tenant().ifPresent(charged::add));
    for (String name : ledger.queue.tenants()) {
      if (!tenants.tenants().containsKey(name) && !charged.contains(name)) {
        ledger.queue.removeTenant(name);
      }
    }
  }
}
