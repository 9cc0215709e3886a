package io.isocore.agent.enforce;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.isocore.agent.profile.NodeProfile;
import io.isocore.api.v1alpha1.CoreAllocation;
import io.isocore.api.v1alpha1.CoreAllocationStatus;
import io.isocore.api.v1alpha1.LatencyTenant;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.enforce.ShareWeighting;
import io.isocore.core.profile.ProfileRules;
import io.isocore.kube.events.EventRecorder;
import io.isocore.mapping.profile.IsolationProfiles;
import io.isocore.mapping.profile.ProfileSelection;
import io.isocore.mapping.profile.ShareWeightings;
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
import org.jboss.logging.Logger;

/**
 * Level-triggered loop of the node agent: reads this node's CoreAllocations and pods, the
 * IsolationProfile that selects the node and the tenants' tickets (all from the caches of {@link
 * NodeObjects}), decodes each allocation once, runs the {@link AllocationEnforcer}, hands the
 * decoded {@link PassSnapshot} to the observers, and has the {@link AllocationStatusWriter} write
 * each CoreAllocation's status.
 *
 * <p>The profile is chosen by {@link IsolationProfiles#selectFor}, the operator's rule. A node
 * matched by two or more profiles, or whose one profile is invalid, is unusable: the pass stops
 * before anything is written (the node keeps what the last good pass left; no status changes), and
 * {@link NodeProfile} carries the problem to the NodeTopology's {@code ProfileUsable} condition. A
 * node no profile selects is left alone: no cpuset is written and the IRQs isocore moved go back.
 * Objects come from {@link LastKnownNodeObjects}: an API failure never changes the profile, and
 * before the first answer nothing is written.
 */
public final class CoreAllocationReconciler {

  private static final Logger LOG = Logger.getLogger(CoreAllocationReconciler.class);

  /** Reads node facts given the profile's explicit isolated CPUs, if any. */
  @FunctionalInterface
  public interface NodeFacts {
    /** Returns the node's CPUs. */
    NodeCpus read(Optional<CpuSet> explicitIsolated) throws IOException;
  }

  /**
   * What one pass did.
   *
   * @param report the enforcer's report (empty when nothing was enforced: the node facts could not
   *     be read, or the node's profile is unusable)
   * @param statusPatches statuses written
   * @param events Events recorded
   */
  public record Pass(Optional<EnforcementReport> report, int statusPatches, int events) {}

  /** Observes each pass, for the metrics and the jitter probe. */
  public interface PassObserver {

    /**
     * Called with the CPUs the pass's allocations hold (exclusive and idle siblings) before any
     * cpuset is written.
     */
    default void beforeEnforce(CpuSet held) {}

    /** Called after the enforcer ran, with what the pass saw and did. */
    default void afterPass(PassSnapshot pass) {}

    /**
     * Called after the enforcer ran, with what it enforced (the start pins are written from the
     * same allocations and pools).
     */
    default void enforced(DesiredNode node, EnforcementReport report) {}
  }

  private final List<PassObserver> observers = new CopyOnWriteArrayList<>();
  private volatile Runnable passSoon = () -> {};
  private final NodeObjects objects;
  private final AllocationEnforcer enforcer;
  private final NodeFacts facts;
  private final NodeProfile profile;
  private final AllocationStatusWriter writer;
  private final Clock clock;

  /**
   * Creates the reconciler.
   *
   * @param profile where each pass records the node's profile selection
   * @param events the agent's Event recorder
   */
  public CoreAllocationReconciler(
      KubernetesClient client,
      String nodeName,
      NodeObjects objects,
      AllocationEnforcer enforcer,
      NodeFacts facts,
      NodeProfile profile,
      EventRecorder events,
      Clock clock) {
    this.objects = objects;
    this.enforcer = enforcer;
    this.facts = facts;
    this.profile = profile;
    this.clock = clock;
    this.writer = new AllocationStatusWriter(client, nodeName, events);
  }

  /**
   * Adds an observer of every later pass; one that is also a {@link
   * CoreAllocationStatusBuilder.NoiseVerdicts} (the held-CPU noise measurement) gives the status
   * writer its {@code Noisy} conditions.
   */
  public void observe(PassObserver observer) {
    observers.add(observer);
    if (observer instanceof CoreAllocationStatusBuilder.NoiseVerdicts verdicts) {
      writer.noise(verdicts);
      // A CPU that turned noisy or clean changes an allocation's Noisy condition: the pass that
      // writes it runs now, not at the next interval (30 s by default).
      verdicts.addListener(() -> passSoon.run());
    }
  }

  /**
   * What asks for a pass soon (the service's coalescing trigger); until set, nothing. A noise
   * verdict that changed runs it.
   */
  public void passSoon(Runnable trigger) {
    this.passSoon = trigger;
  }

  /** Runs one pass: select the profile, decode, enforce, then write statuses and Events. */
  public Pass reconcileOnce() {
    String now = Instant.now(clock).toString();
    if (objects.unknown().isPresent()) {
      return new Pass(Optional.empty(), 0, 0); // no answer from the API yet: nothing written
    }
    ProfileSelection selection =
        IsolationProfiles.selectFor(objects.nodeLabels(), objects.profiles());
    if (profile.update(selection) && !selection.problem().isEmpty()) {
      LOG.warnf("this node %s: nothing is enforced until that is fixed", selection.problem());
    }
    Optional<ProfileRules> rules;
    ShareWeighting weighting = ShareWeighting.CONTAINER;
    switch (selection) {
      case ProfileSelection.Selected s -> {
        rules = Optional.of(s.rules());
        weighting = ShareWeightings.of(s.profile());
      }
      case ProfileSelection.None n -> {
        // Not isocore's node (the operator places nothing here): only the IRQs it moved go back.
        enforcer.restoreIrqs().forEach(LOG::warn);
        return new Pass(Optional.empty(), 0, 0);
      }
      case ProfileSelection.Ambiguous a -> {
        return new Pass(Optional.empty(), 0, 0);
      }
      case ProfileSelection.Invalid i -> {
        return new Pass(Optional.empty(), 0, 0);
      }
    }
    NodeCpus cpus;
    try {
      cpus = facts.read(rules.flatMap(ProfileRules::explicitIsolated));
    } catch (IOException | RuntimeException e) {
      LOG.errorf("cannot read the node's CPUs, nothing enforced: %s", e.getMessage());
      return new Pass(Optional.empty(), 0, 0);
    }
    DecodedPass decoded = decode(now);
    DesiredNode desired = new DesiredNode(cpus, rules, decoded.desired(), weighting);
    for (PassObserver o : observers) {
      o.beforeEnforce(desired.requestedHeld());
    }
    EnforcementReport report = enforcer.reconcile(desired);
    for (PassObserver o : observers) {
      o.enforced(desired, report);
    }
    PassSnapshot snapshot = snapshot(cpus, rules, decoded, report);
    for (PassObserver o : observers) {
      o.afterPass(snapshot);
    }
    report.warnings().forEach(LOG::warn);
    AllocationStatusWriter.Written written = writer.write(decoded, report, now);
    return new Pass(Optional.of(report), written.patches(), written.events());
  }

  /** Decodes each CoreAllocation once: enforce it, release it, or report it invalid. */
  private DecodedPass decode(String now) {
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
    // CPUs granted so far, oldest allocation first: a later one that overlaps is never enforced.
    Map<Integer, String> granted = new HashMap<>();
    for (CoreAllocation ca : allocations) {
      String key = DesiredAllocationMapper.key(ca);
      long gen = ca.getMetadata().getGeneration() == null ? 0 : ca.getMetadata().getGeneration();
      Optional<io.fabric8.kubernetes.api.model.Pod> pod =
          ca.getSpec() == null || ca.getSpec().podName() == null
              ? Optional.empty()
              : objects.pod(ca.getMetadata().getNamespace(), ca.getSpec().podName());
      switch (DesiredAllocationMapper.map(
          ca, pod, allocations, t -> tickets.computeIfAbsent(t, this::tenantTickets))) {
        case DesiredAllocationMapper.Enforce e -> {
          Optional<String> overlap = ExclusiveCpuClaims.claim(granted, key, e.allocation());
          if (overlap.isPresent()) {
            next.put(
                key, CoreAllocationStatusBuilder.rejected(ca.getStatus(), gen, overlap.get(), now));
            continue;
          }
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
    return new DecodedPass(allocations, desired, next, podSeen, byKey);
  }

  private static PassSnapshot snapshot(
      NodeCpus cpus, Optional<ProfileRules> rules, DecodedPass decoded, EnforcementReport report) {
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
    return new PassSnapshot(cpus, rules, seen, report);
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
}
