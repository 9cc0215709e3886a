package io.isocore.agent.publish;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.isocore.agent.probe.CpuHealthSource;
import io.isocore.agent.profile.NodeProfile;
import io.isocore.agent.telemetry.HeldCpuHealth;
import io.isocore.api.v1alpha1.CpuHealth;
import io.isocore.api.v1alpha1.NodeProfileStatus;
import io.isocore.api.v1alpha1.NodeTopology;
import io.isocore.api.v1alpha1.NodeTopologySpec;
import io.isocore.api.v1alpha1.NodeTopologyStatus;
import io.isocore.core.node.Degradation;
import io.isocore.core.node.NodeSnapshot;
import io.isocore.core.profile.ProfileReport;
import io.isocore.kube.events.EventRecorder;
import io.isocore.kube.status.Conditions;
import io.isocore.mapping.profile.ProfileSelection;
import io.isocore.mapping.topology.NodeProfiles;
import io.isocore.mapping.topology.NodeTopologies;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Publishes the node's {@link NodeTopology}: creates it (named after the node) once, and writes its
 * status only when the content changed, with {@code Ready} and {@code Degraded} conditions.
 */
@ApplicationScoped
public class NodeTopologyPublisher {

  private static final Logger LOG = Logger.getLogger(NodeTopologyPublisher.class);

  private final KubernetesClient client;
  private final AgentConfig config;
  private final Clock clock;
  private final EventRecorder events;
  private final CpuHealthSource health;
  private final NodeProfile profile;
  private final HeldCpuHealth held;
  private List<Degradation> lastDegradations = List.of();

  /**
   * Creates the publisher; {@code health} fills {@code status.cpuHealth} (the jitter probe), {@code
   * profile} the {@code ProfileUsable} condition (enforcement's profile selection).
   */
  public NodeTopologyPublisher(
      KubernetesClient client,
      AgentConfig config,
      EventRecorder events,
      CpuHealthSource health,
      NodeProfile profile) {
    this(client, config, events, health, profile, HeldCpuHealth.NONE);
  }

  /**
   * Creates the publisher; {@code held} adds the CPUs quarantined as noisy while a pod held them
   * ({@code quarantined: true}, so the operator's placement leaves them out).
   */
  @Inject
  public NodeTopologyPublisher(
      KubernetesClient client,
      AgentConfig config,
      EventRecorder events,
      CpuHealthSource health,
      NodeProfile profile,
      HeldCpuHealth held) {
    this.client = client;
    this.config = config;
    this.events = events;
    this.health = health;
    this.profile = profile;
    this.held = held;
    this.clock = Clock.systemUTC();
  }

  /** Returns the node name, failing with what to set when it is not configured. */
  public String nodeName() {
    return config
        .nodeName()
        .filter(n -> !n.isBlank())
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "the node name is not set: set env NODE_NAME (fieldRef spec.nodeName) or"
                        + " isocore.agent.node-name"));
  }

  /** Publishes a snapshot already read. */
  public synchronized PublishOutcome publish(NodeSnapshot snapshot) {
    logDegradations(snapshot.degradations());
    String name = nodeName();
    Resource<NodeTopology> resource = client.resources(NodeTopology.class).withName(name);
    NodeTopology existing = resource.get();
    PublishOutcome outcome = PublishOutcome.UPDATED;
    if (existing == null) {
      NodeTopology fresh = new NodeTopology();
      fresh.setMetadata(new ObjectMetaBuilder().withName(name).build());
      fresh.setSpec(new NodeTopologySpec(name));
      existing = client.resource(fresh).create();
      outcome = PublishOutcome.CREATED;
    }
    NodeTopologyStatus current = existing.getStatus();
    long generation =
        existing.getMetadata().getGeneration() == null ? 1 : existing.getMetadata().getGeneration();
    Instant now = clock.instant();
    NodeTopologyStatus content = NodeTopologies.toStatus(snapshot);
    List<CpuHealth> cpuHealth = CpuHealthMerge.merge(health.cpuHealth(), held.quarantinedHealth());
    List<Condition> previous = current == null ? null : current.conditions();
    List<Condition> conditions =
        new ArrayList<>(
            NodeTopologyConditions.next(
                previous,
                snapshot.degradations(),
                snapshot.topology().online().size(),
                generation,
                now));
    profile
        .selection()
        .ifPresent(
            s -> conditions.add(NodeTopologyConditions.profile(previous, s, generation, now)));
    NodeTopologyStatus next =
        withTimes(
            content,
            cpuHealth.isEmpty() ? content.cpuHealth() : cpuHealth,
            conditions,
            now,
            profileReport(snapshot));
    if (outcome != PublishOutcome.CREATED && !StatusChange.changed(current, next)) {
      return PublishOutcome.UNCHANGED;
    }
    existing.setStatus(next);
    NodeTopology written = client.resource(existing).updateStatus();
    recordTransitions(written == null ? existing : written, current, next, now);
    LOG.infof(
        "NodeTopology %s %s: %d online CPUs, %d degraded file(s)",
        name,
        outcome == PublishOutcome.CREATED ? "created" : "updated",
        snapshot.topology().online().size(),
        snapshot.degradations().size());
    return outcome;
  }

  private void recordTransitions(
      NodeTopology target, NodeTopologyStatus before, NodeTopologyStatus after, Instant now) {
    boolean wasDegraded = degraded(before);
    boolean isDegraded = degraded(after);
    if (isDegraded && !wasDegraded) {
      events.record(target, TopologyEventReason.TopologyDegraded, degradedMessage(after));
    } else if (wasDegraded && !isDegraded) {
      events.record(
          target, TopologyEventReason.TopologyRecovered, "every sysfs and procfs file is usable");
    }
    recordProfileTransition(target, before, after, now);
    if (before != null && !Objects.equals(before.cpusOnline(), after.cpusOnline())) {
      events.record(
          target,
          TopologyEventReason.CpuTopologyChanged,
          "online CPUs changed from " + before.cpusOnline() + " to " + after.cpusOnline());
    }
  }

  /** A conflict or an invalid profile (or a new one of those) is a Warning; its end is Normal. */
  private void recordProfileTransition(
      NodeTopology target, NodeTopologyStatus before, NodeTopologyStatus after, Instant now) {
    Optional<Condition> was = condition(before, NodeTopologyConditions.PROFILE_USABLE);
    Optional<Condition> is = condition(after, NodeTopologyConditions.PROFILE_USABLE);
    boolean wasBroken = was.filter(NodeTopologyPublisher::broken).isPresent();
    if (is.filter(NodeTopologyPublisher::broken).isPresent()) {
      Condition c = is.get();
      if (!wasBroken || !Objects.equals(c.getMessage(), was.get().getMessage())) {
        events.record(target, TopologyEventReason.valueOf(c.getReason()), c.getMessage());
      }
    } else if (wasBroken && is.isPresent()) {
      events.record(target, TopologyEventReason.ProfileResolved, is.get().getMessage());
    }
  }

  private static boolean broken(Condition c) {
    return NodeTopologyConditions.PROFILE_CONFLICT.equals(c.getReason())
        || NodeTopologyConditions.INVALID_PROFILE.equals(c.getReason());
  }

  private static Optional<Condition> condition(NodeTopologyStatus status, String type) {
    if (status == null || status.conditions() == null) {
      return Optional.empty();
    }
    return status.conditions().stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  private static boolean degraded(NodeTopologyStatus status) {
    return status != null
        && status.conditions() != null
        && status.conditions().stream()
            .anyMatch(c -> "Degraded".equals(c.getType()) && Conditions.TRUE.equals(c.getStatus()));
  }

  private static String degradedMessage(NodeTopologyStatus status) {
    return status.conditions().stream()
        .filter(c -> "Degraded".equals(c.getType()))
        .map(Condition::getMessage)
        .findFirst()
        .orElse("");
  }

  private void logDegradations(List<Degradation> degradations) {
    if (Objects.equals(degradations, lastDegradations)) {
      return;
    }
    for (Degradation d : degradations) {
      LOG.warnf("could not use %s", d.describe());
    }
    lastDegradations = List.copyOf(degradations);
  }

  /**
   * What the selecting profile means on this node (the same {@link ProfileReport} the operator
   * applies): the per-node detail the IsolationProfile status no longer lists. Absent until an
   * enforcement pass has selected a usable profile.
   */
  private NodeProfileStatus profileReport(NodeSnapshot snapshot) {
    if (profile.selection().orElse(null) instanceof ProfileSelection.Selected selected) {
      return NodeProfiles.toStatus(
          selected.name(),
          ProfileReport.of(
              selected.rules(),
              snapshot.isolation().kernelIsolated(),
              snapshot.topology().online()));
    }
    return null;
  }

  private static NodeTopologyStatus withTimes(
      NodeTopologyStatus s,
      List<CpuHealth> cpuHealth,
      List<Condition> conditions,
      Instant now,
      NodeProfileStatus profileReport) {
    return new NodeTopologyStatus(
        s.sockets(),
        s.numaNodes(),
        s.cores(),
        s.cpus(),
        s.l3Groups(),
        s.cpusOnline(),
        s.cpusOffline(),
        s.isolation(),
        s.nics(),
        s.cgroup(),
        s.environment(),
        cpuHealth,
        now.toString(),
        conditions,
        profileReport);
  }
}
