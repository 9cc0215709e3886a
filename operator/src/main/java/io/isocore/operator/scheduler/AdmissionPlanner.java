package io.isocore.operator.scheduler;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.isocore.api.v1alpha1.TicketTransfer;
import io.isocore.core.alloc.AllocationState;
import io.isocore.core.alloc.PlacementDecision;
import io.isocore.core.pod.PodKey;
import io.isocore.operator.catalog.NodeCatalog;
import io.isocore.operator.catalog.TenantDirectory;
import io.isocore.operator.filter.NodeFilter;
import io.isocore.operator.filter.NodeResources;
import io.isocore.operator.filter.ResourceAmounts;
import io.isocore.operator.pod.PodResources;
import io.isocore.operator.pod.Pods;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The admission rules of one cycle, pure: which pending pods can be tried at all (tenant usable,
 * resources readable), and for each attempt the nodes the default filters leave, the allocator's
 * choice there and the tenant's cap. It decides; the {@link PlacementCommitter} writes. The cycle's
 * working set (node usage, cores each tenant holds, pods that did not fit) is updated through
 * {@link #placed} and {@link #failed} as the committer reports back.
 */
public final class AdmissionPlanner {
  /** A pending pod that can be tried: its request and fit amounts, read once. */
  public record Candidate(
      Pod pod, PodKey key, PodResources.Valid resources, Optional<String> tenant) {}

  /** A pending pod left pending, and why. */
  public record Rejection(Pod pod, String message, Kind kind) {
    public enum Kind {
      /** The pod breaks the pod contract: only the pod's author can fix it. */
      INVALID_REQUEST,
      /** Nothing fits now, or the pod's tenant is not usable. */
      UNSCHEDULABLE
    }
  }

  /**
   * The cycle's pending pods, oldest first, split into candidates and rejections.
   *
   * @param pending every pending pod without an allocation, oldest first
   */
  public record Intake(List<Pod> pending, List<Candidate> candidates, List<Rejection> rejections) {}

  /** What one attempt decided. */
  public sealed interface Decision {}

  /** Place the pod: the allocation to write and bind, with the tickets it passes on. */
  public record Placement(
      Candidate candidate, PlacementDecision.Placed placed, Optional<TicketTransfer> transfer)
      implements Decision {
    public String node() {
      return placed.allocation().nodeName();
    }
  }

  /** The pod does not fit now. */
  public record Rejected(String reason) implements Decision {}

  private final Map<String, Node> nodes = new TreeMap<>();

  /** Each node's allocatable, read once per cycle rather than once per pod tried there. */
  private final Map<String, ResourceAmounts> allocatable = new HashMap<>();

  private final NodeCatalog catalog;
  private final TenantDirectory tenants;
  private final NodeUsage usage;
  private final AllocationState state;
  private final ToLongFunction<String> effectiveTickets;
  private final Map<String, Integer> tenantHeld = new HashMap<>();
  private final Map<PodKey, String> failed = new HashMap<>();

  /**
   * @param effectiveTickets a tenant's tickets now (for a ticket transfer)
   */
  AdmissionPlanner(
      Collection<Node> nodes,
      NodeCatalog catalog,
      TenantDirectory tenants,
      NodeUsage usage,
      AllocationState state,
      ToLongFunction<String> effectiveTickets) {
    nodes.forEach(n -> this.nodes.put(n.getMetadata().getName(), n));
    this.catalog = catalog;
    this.tenants = tenants;
    this.usage = usage;
    this.state = state;
    this.effectiveTickets = effectiveTickets;
    state
        .allocations()
        .forEach(
            a ->
                a.tenant()
                    .ifPresent(t -> tenantHeld.merge(t, state.heldCores(a.pod()), Integer::sum)));
  }

  /** Sorts the pending pods by age and reads each one that has no allocation yet. */
  static Intake intake(
      Collection<Pod> pendingPods, AllocationState state, TenantDirectory tenants) {
    List<Pod> pending = new ArrayList<>(pendingPods);
    pending.sort(
        Comparator.comparing((Pod p) -> String.valueOf(p.getMetadata().getCreationTimestamp()))
            .thenComparing(p -> Pods.key(p)));
    List<Candidate> candidates = new ArrayList<>();
    List<Rejection> rejections = new ArrayList<>();
    for (Pod pod : pending) {
      PodKey key = Pods.key(pod);
      if (state.allocation(key).isPresent()) {
        continue;
      }
      Optional<String> tenant = Optional.ofNullable(tenants.namespaces().get(key.namespace()));
      Optional<String> problem = tenantProblem(key.namespace(), tenant, tenants);
      if (problem.isPresent()) {
        rejections.add(new Rejection(pod, problem.get(), Rejection.Kind.UNSCHEDULABLE));
        continue;
      }
      PodResources.Read read;
      try {
        read = PodResources.read(pod);
      } catch (RuntimeException e) {
        read = new PodResources.Invalid(e.getMessage());
      }
      switch (read) {
        case PodResources.Invalid invalid ->
            rejections.add(new Rejection(pod, invalid.message(), Rejection.Kind.INVALID_REQUEST));
        case PodResources.Valid valid -> {
          PodResources.Valid charged =
              tenant.isEmpty()
                  ? valid
                  : new PodResources.Valid(valid.request().withTenant(tenant.get()), valid.fit());
          candidates.add(new Candidate(pod, key, charged, tenant));
        }
      }
    }
    return new Intake(pending, candidates, rejections);
  }

  private static Optional<String> tenantProblem(
      String namespace, Optional<String> tenant, TenantDirectory tenants) {
    if (tenants.contested().containsKey(namespace)) {
      return Optional.of(
          "namespace "
              + namespace
              + " is claimed by LatencyTenants "
              + String.join(", ", new TreeSet<>(tenants.contested().get(namespace)))
              + "; isocore places its pods once one tenant lets go");
    }
    if (tenant.isPresent() && tenants.invalidReason(tenant.get()).isPresent()) {
      return Optional.of(
          "LatencyTenant "
              + tenant.get()
              + " is not usable: "
              + tenants.invalidReason(tenant.get()).get());
    }
    return Optional.empty();
  }

  /** Whether the pod was tried this cycle and did not fit: cores are only taken within a cycle. */
  boolean failed(PodKey key) {
    return failed.containsKey(key);
  }

  /** Why the pod was not placed this cycle, when it was tried. */
  Optional<String> reason(PodKey key) {
    return Optional.ofNullable(failed.get(key));
  }

  /**
   * Decides one attempt: let the allocator choose among the nodes the default filters leave, check
   * the tenant's cap. The filters run only on the nodes the allocator considers (it walks nodes by
   * free cores and stops at the first that fits), each at most once per attempt; only when nothing
   * fits do they run on every node, for the message that says why.
   */
  Decision decide(Candidate c) {
    Map<String, Optional<String>> verdicts = new HashMap<>();
    Function<String, Optional<String>> why =
        name -> verdicts.computeIfAbsent(name, n -> rejection(c, nodes.get(n)));
    PlacementDecision decision =
        state.plan(c.resources().request(), n -> nodes.containsKey(n) && why.apply(n).isEmpty());
    if (decision instanceof PlacementDecision.Unschedulable u) {
      Map<String, String> rejected = new TreeMap<>();
      for (String name : nodes.keySet()) {
        why.apply(name).ifPresent(r -> rejected.put(name, r));
      }
      return reject(c.key(), Shortfall.message(nodes.size(), rejected, u));
    }
    PlacementDecision.Placed placed = (PlacementDecision.Placed) decision;
    if (c.tenant().isPresent()) {
      String t = c.tenant().get();
      OptionalInt cap = tenants.tenants().get(t).maxCores();
      int held = tenantHeld.getOrDefault(t, 0);
      if (cap.isPresent() && held + placed.cores() > cap.getAsInt()) {
        return reject(
            c.key(),
            "LatencyTenant "
                + t
                + " holds "
                + held
                + " of its cap of "
                + cap.getAsInt()
                + " isolated cores; this pod needs "
                + placed.cores()
                + " more");
      }
    }
    return new Placement(c, placed, transfer(c, placed));
  }

  /** Why the default filters, or the catalog, leave the node out for this pod; empty if not. */
  private Optional<String> rejection(Candidate c, Node node) {
    String name = node.getMetadata().getName();
    Optional<String> why =
        NodeFilter.reject(
            c.pod(),
            c.resources().fit(),
            node,
            allocatable.computeIfAbsent(name, n -> NodeResources.allocatable(node)),
            usage.used(name),
            usage.pods(name));
    if (why.isEmpty() && !catalog.inventories().containsKey(name)) {
      why =
          Optional.of(catalog.unusable().getOrDefault(name, "node(s) matched no IsolationProfile"));
    }
    return why;
  }

  /** The committer wrote and bound the placement: count it on its node and for its tenant. */
  void placed(Placement placement) {
    Candidate c = placement.candidate();
    usage.add(placement.node(), c.resources().fit());
    c.tenant().ifPresent(t -> tenantHeld.merge(t, placement.placed().cores(), Integer::sum));
  }

  /** The committer could not write or bind: the pod waits for the next cycle. */
  void failed(PodKey key, String reason) {
    failed.put(key, reason);
  }

  /** Why a tenant's pod the queue never tried waits: its tenant is at its cap. */
  String atCap(String tenant) {
    return "LatencyTenant "
        + tenant
        + " holds "
        + tenantHeld.getOrDefault(tenant, 0)
        + " isolated cores, at its cap (spec.maxIsolatedCores)";
  }

  private Rejected reject(PodKey key, String reason) {
    failed.put(key, reason);
    return new Rejected(reason);
  }

  /**
   * The transfer the new allocation carries: {@link TransferPlanner}'s decision with the pod just
   * placed; a refused one is left out here and reported by {@link TransferStep}.
   */
  private Optional<TicketTransfer> transfer(Candidate c, PlacementDecision.Placed placed) {
    var annotations = c.pod().getMetadata().getAnnotations();
    String value = annotations == null ? null : annotations.get(TransferPlanner.ANNOTATION);
    if (value == null || c.tenant().isEmpty()) {
      return Optional.empty();
    }
    return TransferPlanner.decide(
                placed.allocation(),
                value,
                effectiveTickets.applyAsLong(c.tenant().get()),
                tenants,
                state::allocation)
            instanceof TransferPlanner.Decision.Lend lend
        ? Optional.of(lend.transfer())
        : Optional.empty();
  }
}
