package io.isocore.agent.enforce;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.isocore.agent.probe.ProbeSettings;
import io.isocore.api.v1alpha1.CoreAllocation;
import io.isocore.api.v1alpha1.CoreAllocationStatus;
import io.isocore.api.v1alpha1.CoreAllocationStatus.Phase;
import io.isocore.api.v1alpha1.IsolatedCpus;
import io.isocore.api.v1alpha1.IsolationProfile;
import io.isocore.api.v1alpha1.IsolationProfileSpec;
import io.isocore.api.v1alpha1.LatencyTenant;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.enforce.UnallocatedIsolatedPolicy;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;

/**
 * Level-triggered loop of the node agent: reads this node's CoreAllocations and pods, the matching
 * IsolationProfile and the tenants' tickets (all from the caches of {@link NodeObjects}), decodes
 * each allocation once, runs the {@link AllocationEnforcer}, hands the decoded {@link PassSnapshot}
 * to the observers, and writes each CoreAllocation's status (only when it changed) with Events on
 * transitions and on drift repair.
 */
public final class CoreAllocationReconciler {

  private static final Logger LOG = Logger.getLogger(CoreAllocationReconciler.class.getName());

  /** Reads node facts given the profile's explicit isolated CPUs, if any. */
  @FunctionalInterface
  public interface NodeFacts {
    /** Returns the node's CPUs. */
    NodeCpus read(Optional<CpuSet> explicitIsolated) throws IOException;
  }

  /**
   * What one pass did.
   *
   * @param report the enforcer's report (empty when the node facts could not be read)
   * @param statusPatches statuses written
   * @param events Events recorded
   */
  public record Pass(Optional<EnforcementReport> report, int statusPatches, int events) {}

  /** Observes each pass, for the metrics and the jitter probe. */
  public interface PassObserver {

    /** Called with the exclusive CPUs of the pass before any cpuset is written. */
    default void beforeEnforce(CpuSet exclusive) {}

    /** Called after the enforcer ran, with what the pass saw and did. */
    default void afterPass(PassSnapshot pass) {}
  }

  private final List<PassObserver> observers = new CopyOnWriteArrayList<>();
  private final KubernetesClient client;
  private final String nodeName;
  private final NodeObjects objects;
  private final AllocationEnforcer enforcer;
  private final NodeFacts facts;
  private final EnforcementEvents events;
  private final Clock clock;

  /** Creates the reconciler. */
  public CoreAllocationReconciler(
      KubernetesClient client,
      String nodeName,
      NodeObjects objects,
      AllocationEnforcer enforcer,
      NodeFacts facts,
      Clock clock) {
    this.client = client;
    this.nodeName = nodeName;
    this.objects = objects;
    this.enforcer = enforcer;
    this.facts = facts;
    this.clock = clock;
    this.events = new EnforcementEvents(client, nodeName, clock);
  }

  /** Adds an observer of every later pass. */
  public void observe(PassObserver observer) {
    observers.add(observer);
  }

  /** What the decode step of a pass made of this node's allocations. */
  private record Decoded(
      List<CoreAllocation> allocations,
      List<DesiredAllocation> desired,
      Map<String, CoreAllocationStatus> next,
      Map<String, Boolean> podSeen,
      Map<String, DesiredAllocation> byKey) {}

  /** Runs one pass: decode, enforce, then write statuses and Events. */
  public Pass reconcileOnce() {
    String now = Instant.now(clock).toString();
    Optional<IsolationProfileSpec> profile = profile();
    NodeCpus cpus;
    try {
      cpus = facts.read(profile.flatMap(CoreAllocationReconciler::explicitIsolated));
    } catch (IOException | RuntimeException e) {
      LOG.severe("cannot read the node's CPUs, nothing enforced: " + e.getMessage());
      return new Pass(Optional.empty(), 0, 0);
    }
    Decoded decoded = decode(now);
    DesiredNode desired = new DesiredNode(cpus, policy(profile), decoded.desired());
    for (PassObserver o : observers) {
      o.beforeEnforce(desired.requestedExclusive());
    }
    EnforcementReport report = enforcer.reconcile(desired);
    PassSnapshot snapshot = snapshot(cpus, profile, decoded, report);
    for (PassObserver o : observers) {
      o.afterPass(snapshot);
    }
    report.warnings().forEach(w -> LOG.warning(w));
    return writeStatuses(decoded, report, now);
  }

  /** Decodes each CoreAllocation once: enforce it, release it, or report it invalid. */
  private Decoded decode(String now) {
    List<CoreAllocation> allocations = new ArrayList<>(objects.allocations());
    allocations.sort(
        Comparator.comparing(
                (CoreAllocation a) ->
                    a.getMetadata().getCreationTimestamp() == null
                        ? ""
                        : a.getMetadata().getCreationTimestamp())
            .thenComparing(DesiredAllocationMapper::key));
    Map<String, OptionalLong> tickets = new HashMap<>();
    Map<String, CoreAllocationStatus> next = new HashMap<>();
    Map<String, Boolean> podSeen = new HashMap<>();
    Map<String, DesiredAllocation> byKey = new HashMap<>();
    List<DesiredAllocation> desired = new ArrayList<>();
    for (CoreAllocation ca : allocations) {
      String key = DesiredAllocationMapper.key(ca);
      long gen = ca.getMetadata().getGeneration() == null ? 0 : ca.getMetadata().getGeneration();
      DesiredAllocationMapper.Mapped mapped =
          DesiredAllocationMapper.map(
              ca,
              objects.pod(ca.getMetadata().getNamespace(), ca.getSpec().podName()),
              allocations,
              t -> tickets.computeIfAbsent(t, this::tenantTickets));
      switch (mapped) {
        case DesiredAllocationMapper.Enforce e -> {
          desired.add(e.allocation());
          byKey.put(key, e.allocation());
          podSeen.put(key, e.podSeen());
        }
        case DesiredAllocationMapper.Release r ->
            next.put(
                key, CoreAllocationStatusBuilder.released(ca.getStatus(), gen, r.reason(), now));
        case DesiredAllocationMapper.Invalid i ->
            next.put(
                key,
                CoreAllocationStatusBuilder.build(
                    ca.getStatus(),
                    new AllocationResult.Failed(key, gen, i.reason(), List.of()),
                    now));
      }
    }
    return new Decoded(allocations, desired, next, podSeen, byKey);
  }

  private static PassSnapshot snapshot(
      NodeCpus cpus,
      Optional<IsolationProfileSpec> profile,
      Decoded decoded,
      EnforcementReport report) {
    List<SeenAllocation> seen = new ArrayList<>();
    for (CoreAllocation ca : decoded.allocations()) {
      if (ca.getSpec() == null) {
        continue;
      }
      String key = DesiredAllocationMapper.key(ca);
      Map<String, CpuSet> exclusive = new HashMap<>();
      Optional.ofNullable(decoded.byKey().get(key))
          .ifPresent(
              d ->
                  d.containers().stream()
                      .filter(DesiredContainer::exclusive)
                      .forEach(c -> exclusive.put(c.name(), c.cpus())));
      seen.add(
          new SeenAllocation(
              key,
              ca.getMetadata().getNamespace(),
              ca.getSpec().podName(),
              created(ca),
              exclusive));
    }
    CpuSet reserved =
        profile
            .map(IsolationProfileSpec::reservedCpus)
            .filter(s -> !s.isBlank())
            .map(CpuSet::parse)
            .orElse(CpuSet.empty());
    Optional<ProbeSettings> probe =
        profile.map(
            spec -> ProbeSettings.from(spec.jitterProbe(), spec.quarantineThresholdNanoseconds()));
    return new PassSnapshot(cpus, reserved, probe, seen, report);
  }

  private static Optional<Instant> created(CoreAllocation ca) {
    String ts = ca.getMetadata().getCreationTimestamp();
    if (ts == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(ts));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** Writes each status that changed, with Events on transitions and on drift repair. */
  private Pass writeStatuses(Decoded decoded, EnforcementReport report, String now) {
    int patches = 0;
    int recorded = 0;
    for (CoreAllocation ca : decoded.allocations()) {
      String key = DesiredAllocationMapper.key(ca);
      Optional<AllocationResult> result = report.result(key);
      if (result.isPresent()) {
        AllocationResult r = withPodHint(ca, result.get(), decoded.podSeen());
        decoded.next().put(key, CoreAllocationStatusBuilder.build(ca.getStatus(), r, now));
        if (r instanceof AllocationResult.Applied a && !a.driftRepaired().isEmpty()) {
          events.record(
              ca,
              EnforcementEventReason.DriftRepaired,
              "repaired cpusets rewritten by another writer: "
                  + String.join(", ", a.driftRepaired()));
          recorded++;
        }
      }
      CoreAllocationStatus status = decoded.next().get(key);
      if (status == null || !CoreAllocationStatusBuilder.differs(ca.getStatus(), status)) {
        continue;
      }
      if (patchStatus(ca, status)) {
        patches++;
      }
      if (recordTransition(ca, status)) {
        recorded++;
      }
    }
    return new Pass(Optional.of(report), patches, recorded);
  }

  /** A container waits because its pod is not on this node yet: say so. */
  private AllocationResult withPodHint(
      CoreAllocation ca, AllocationResult r, Map<String, Boolean> podSeen) {
    String key = r.key();
    if (r instanceof AllocationResult.Waiting w && !podSeen.getOrDefault(key, true)) {
      return new AllocationResult.Waiting(
          key,
          w.generation(),
          "pod " + ca.getSpec().podName() + " is not on node " + nodeName + " yet; retrying");
    }
    return r;
  }

  private boolean recordTransition(CoreAllocation ca, CoreAllocationStatus status) {
    Phase before = ca.getStatus() == null ? null : ca.getStatus().phase();
    if (before == status.phase()
        && (status.phase() != Phase.Failed || status.message().equals(ca.getStatus().message()))) {
      return false;
    }
    EnforcementEventReason reason =
        switch (status.phase()) {
          case Applied -> EnforcementEventReason.Applied;
          case Failed -> EnforcementEventReason.EnforcementFailed;
          case Released -> EnforcementEventReason.Released;
          case Pending -> null;
        };
    if (reason == null) {
      return false;
    }
    events.record(ca, reason, status.message());
    return true;
  }

  private boolean patchStatus(CoreAllocation ca, CoreAllocationStatus status) {
    try {
      client
          .resources(CoreAllocation.class)
          .inNamespace(ca.getMetadata().getNamespace())
          .withName(ca.getMetadata().getName())
          .editStatus(
              current -> {
                current.setStatus(status);
                return current;
              });
      return true;
    } catch (KubernetesClientException e) {
      LOG.warning(
          "could not write the status of "
              + DesiredAllocationMapper.key(ca)
              + ": "
              + e.getMessage());
      return false;
    }
  }

  private OptionalLong tenantTickets(String name) {
    Optional<LatencyTenant> tenant = objects.tenant(name).filter(t -> t.getSpec() != null);
    if (tenant.isEmpty()) {
      return OptionalLong.empty();
    }
    if (tenant.get().getStatus() != null && tenant.get().getStatus().effectiveTickets() != null) {
      return OptionalLong.of(tenant.get().getStatus().effectiveTickets());
    }
    return OptionalLong.of(tenant.get().getSpec().tickets());
  }

  /** The first profile, by name, whose node selector the node's labels satisfy. */
  private Optional<IsolationProfileSpec> profile() {
    Map<String, String> labels = objects.nodeLabels();
    return objects.profiles().stream()
        .filter(p -> p.getSpec() != null)
        .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
        .filter(
            p ->
                p.getSpec().nodeSelector() == null
                    || labels.entrySet().containsAll(p.getSpec().nodeSelector().entrySet()))
        .map(IsolationProfile::getSpec)
        .findFirst();
  }

  private static Optional<CpuSet> explicitIsolated(IsolationProfileSpec spec) {
    IsolatedCpus iso = spec.isolatedCpus();
    if (iso != null && iso.source() == IsolatedCpus.Source.Explicit && iso.cpus() != null) {
      return Optional.of(CpuSet.parse(iso.cpus()));
    }
    return Optional.empty();
  }

  static EnforcementPolicy policy(Optional<IsolationProfileSpec> profile) {
    if (profile.isEmpty()) {
      return EnforcementPolicy.DEFAULT;
    }
    IsolationProfileSpec spec = profile.get();
    UnallocatedIsolatedPolicy unallocated =
        spec.unallocatedIsolatedCpus() == IsolationProfileSpec.UnallocatedPolicy.Shared
            ? UnallocatedIsolatedPolicy.SHARED
            : UnallocatedIsolatedPolicy.IDLE;
    return new EnforcementPolicy(unallocated, spec.irqSteering() == null || spec.irqSteering());
  }
}
