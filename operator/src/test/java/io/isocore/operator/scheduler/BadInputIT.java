package io.isocore.operator.scheduler;

import static io.isocore.operator.testing.ClusterFixtures.latencyPod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.isocore.api.v1alpha1.HeldCpuNoiseSpec;
import io.isocore.api.v1alpha1.IsolationProfile;
import io.isocore.api.v1alpha1.IsolationProfileSpec;
import io.isocore.api.v1alpha1.LatencyTenant;
import io.isocore.operator.kube.PodConditionPublisher;
import io.isocore.operator.testing.ClusterFixtures;
import io.isocore.operator.testing.MockCluster;
import io.isocore.operator.testing.SchedulerHarness;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Bad input gets a condition and an Event, never a crash and never an allocation. The mock server
 * does not validate against the CRD schema, which stands in for an old CRD that let through what
 * the current one rejects.
 */
@EnableKubernetesMockClient(crud = true)
class BadInputIT {
  static final Duration TIMEOUT = Duration.ofSeconds(20);
  KubernetesClient client;
  SchedulerHarness harness;

  @AfterEach
  void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void fractionalCpusAndUnknownHugepageSizesAreInvalidRequests() throws Exception {
    MockCluster.standard(client, 1);
    harness = new SchedulerHarness(client, "t").startLeading();
    client.resource(latencyPod("a", "fractional", "1500m", null)).create();
    var odd = latencyPod("a", "odd-pages", "2", null);
    odd.getSpec()
        .getContainers()
        .getFirst()
        .getResources()
        .getRequests()
        .put("hugepages-3Mi", new io.fabric8.kubernetes.api.model.Quantity("6Mi"));
    odd.getSpec()
        .getContainers()
        .getFirst()
        .getResources()
        .getLimits()
        .put("hugepages-3Mi", new io.fabric8.kubernetes.api.model.Quantity("6Mi"));
    client.resource(odd).create();
    harness.cycleUntil(
        () -> message("a", "fractional").isPresent() && message("a", "odd-pages").isPresent(),
        TIMEOUT,
        "both marked");
    assertThat(message("a", "fractional").get()).contains("whole");
    assertThat(message("a", "odd-pages").get()).contains("hugepages-3Mi");
    harness.cycle();
    // One Event per pod, however many cycles: a fractional CPU breaks the contract; a page size no
    // node offers is either refused by the pod mapper or found on no node.
    assertThat(events("a", "InvalidRequest"))
        .anySatisfy(e -> assertThat(e.getInvolvedObject().getName()).isEqualTo("fractional"));
    assertThat(events("a", "InvalidRequest").size() + events("a", "FailedScheduling").size())
        .isEqualTo(2);
    assertThat(harness.coreAllocations()).isEmpty();
  }

  @Test
  void tenantWithZeroTicketsIsInvalidAndItsPodsWait() throws Exception {
    MockCluster.standard(client, 1);
    client.resource(ClusterFixtures.tenant("broke", 0, "poor")).create();
    client.resource(ClusterFixtures.tenant("fine", 10, "rich")).create();
    harness = new SchedulerHarness(client, "t").startLeading();
    client.resource(latencyPod("poor", "p", 2)).create();
    client.resource(latencyPod("rich", "r", 2)).create();
    harness.cycleUntil(
        () -> message("poor", "p").isPresent() && bound("rich", "r"),
        TIMEOUT,
        "poor waits, rich placed");
    assertThat(message("poor", "p").get())
        .contains("LatencyTenant broke is not usable")
        .contains("0 tickets");
    harness.cycleUntil(() -> ready(tenant("broke")).isPresent(), TIMEOUT, "tenant status written");
    Condition ready = ready(tenant("broke")).get();
    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getObservedGeneration())
        .isEqualTo(tenant("broke").getMetadata().getGeneration());
    assertThat(events("default", "InvalidTenant")).hasSize(1);
    assertThat(ready(tenant("fine")).get().getStatus()).isEqualTo("True");
    assertThat(harness.coreAllocations())
        .singleElement()
        .satisfies(c -> assertThat(c.getSpec().tenant()).isEqualTo("fine"));
  }

  @Test
  void profileWhoseReservedAndIsolatedOverlapIsInvalidAndItsNodesUnused() throws Exception {
    MockCluster.installCrds(client);
    client.resource(ClusterFixtures.profile("overlap", "0-1", "1-7")).create();
    client.resource(ClusterFixtures.node("n0", 32)).create();
    MockCluster.createWithStatus(client, ClusterFixtures.topology("n0", 1, 2, 8, 2));
    harness = new SchedulerHarness(client, "t").startLeading();
    client.resource(latencyPod("a", "p", 2)).create();
    harness.cycleUntil(() -> message("a", "p").isPresent(), TIMEOUT, "pod marked");
    assertThat(message("a", "p").get()).contains("invalid IsolationProfile overlap");
    harness.cycleUntil(() -> profileReady("overlap").isPresent(), TIMEOUT, "profile status");
    assertThat(profileReady("overlap").get().getMessage()).contains("overlap on 1");
    assertThat(events("default", "InvalidProfile")).hasSize(1);
    assertThat(harness.coreAllocations()).isEmpty();
  }

  @Test
  void aHeldCpuNoiseSloOutOfBoundsIsReportedAndTheProfileStaysInForce() throws Exception {
    MockCluster.installCrds(client);
    IsolationProfile profile = ClusterFixtures.profile("slo", "0-1");
    var spec = profile.getSpec();
    profile.setSpec(
        new IsolationProfileSpec(
            spec.nodeSelector(),
            spec.reservedCpus(),
            spec.isolatedCpus(),
            spec.smtPolicy(),
            spec.numaPolicy(),
            spec.irqSteering(),
            spec.unallocatedIsolatedCpus(),
            spec.jitterProbe(),
            spec.quarantineThresholdNanoseconds(),
            spec.shareWeighting(),
            new HeldCpuNoiseSpec(500L, null, null, 5)));
    client.resource(profile).create();
    client.resource(ClusterFixtures.node("n0", 32)).create();
    MockCluster.createWithStatus(client, ClusterFixtures.topology("n0", 1, 2, 8, 2));
    harness = new SchedulerHarness(client, "t").startLeading();
    client.resource(latencyPod("a", "p", 2)).create();
    harness.cycleUntil(
        () -> profileCondition("slo", "HeldCpuNoiseSlo").isPresent(), TIMEOUT, "SLO");
    Condition slo = profileCondition("slo", "HeldCpuNoiseSlo").get();
    assertThat(slo.getStatus()).isEqualTo("False");
    assertThat(slo.getReason()).isEqualTo("InvalidSlo");
    assertThat(slo.getMessage())
        .isEqualTo(
            "IsolationProfile slo: spec.heldCpuNoise.forSeconds is 5, expected 10 to 86400; the"
                + " held-CPU noise SLO is not applied until it is fixed");
    // The rest of the profile applies: Ready, and the pod is placed on its node.
    assertThat(profileReady("slo").get().getStatus()).isEqualTo("True");
    harness.cycleUntil(() -> harness.coreAllocations().size() == 1, TIMEOUT, "pod placed");
    harness.cycleUntil(
        () -> !events("default", "InvalidProfile").isEmpty(), TIMEOUT, "InvalidProfile Event");
    assertThat(events("default", "InvalidProfile"))
        .singleElement()
        .satisfies(e -> assertThat(e.getMessage()).isEqualTo(slo.getMessage()));

    // Fixed (as kubectl patch would): True, and no further Event.
    client
        .resources(IsolationProfile.class)
        .withName("slo")
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"spec\":{\"heldCpuNoise\":{\"forSeconds\":30}}}");
    harness.cycleUntil(
        () -> "True".equals(profileCondition("slo", "HeldCpuNoiseSlo").get().getStatus()),
        TIMEOUT,
        "SLO valid");
    assertThat(events("default", "InvalidProfile")).hasSize(1);
  }

  @Test
  void nodeWithoutNodeTopologyGetsAnEventAndNothingPlaced() throws Exception {
    MockCluster.installCrds(client);
    client.resource(ClusterFixtures.profile("latency", "0,16")).create();
    client.resource(ClusterFixtures.node("bare", 32)).create();
    harness = new SchedulerHarness(client, "t").startLeading();
    client.resource(latencyPod("a", "p", 2)).create();
    harness.cycleUntil(() -> message("a", "p").isPresent(), TIMEOUT, "pod marked");
    assertThat(message("a", "p").get())
        .isEqualTo(
            "0/1 nodes are available: 1 node(s) had no NodeTopology (is the isocore agent running there?).");
    harness.cycle();
    assertThat(events("default", "MissingTopology"))
        .singleElement()
        .satisfies(e -> assertThat(e.getInvolvedObject().getKind()).isEqualTo("Node"));
    assertThat(harness.coreAllocations()).isEmpty();
    // The agent arrives: the pod is placed without anyone touching it.
    MockCluster.createWithStatus(client, ClusterFixtures.topology("bare", 1, 2, 8, 2));
    harness.cycleUntil(() -> bound("a", "p"), TIMEOUT, "pod placed once the topology exists");
  }

  @Test
  void aNodeTopologyWithNegativeNumaMemoryMakesOnlyThatNodeUnusable() throws Exception {
    MockCluster.installCrds(client);
    client.resource(ClusterFixtures.profile("latency", "0,16")).create();
    client.resource(ClusterFixtures.node("bad", 32)).create();
    client.resource(ClusterFixtures.node("good", 32)).create();
    var bad = ClusterFixtures.topology("bad", 1, 2, 8, 2);
    var s = bad.getStatus();
    var numas = new java.util.ArrayList<>(s.numaNodes());
    var n = numas.get(1);
    numas.set(
        1,
        new io.isocore.api.v1alpha1.NumaNodeInfo(
            n.id(), n.cpus(), -5L, n.memoryFreeBytes(), n.distances(), n.hugepages()));
    bad.setStatus(
        new io.isocore.api.v1alpha1.NodeTopologyStatus(
            s.sockets(),
            numas,
            s.cores(),
            s.cpus(),
            s.l3Groups(),
            s.cpusOnline(),
            s.cpusOffline(),
            s.isolation(),
            s.nics(),
            s.cgroup(),
            s.environment(),
            s.cpuHealth(),
            s.lastRefreshTime(),
            s.conditions()));
    MockCluster.createWithStatus(client, bad);
    MockCluster.createWithStatus(client, ClusterFixtures.topology("good", 1, 2, 8, 2));
    harness = new SchedulerHarness(client, "t").startLeading();
    client.resource(latencyPod("a", "p", 2)).create();
    client.resource(latencyPod("a", "huge", 18)).create();
    harness.cycleUntil(
        () -> bound("a", "p") && message("a", "huge").isPresent(),
        TIMEOUT,
        "p placed, huge marked");
    assertThat(client.pods().inNamespace("a").withName("p").get().getSpec().getNodeName())
        .isEqualTo("good");
    assertThat(message("a", "huge").get())
        .contains("status.numaNodes[1].memoryTotalBytes is '-5'; expected a byte count");
  }

  Optional<String> message(String ns, String name) {
    var pod = client.pods().inNamespace(ns).withName(name).get();
    return PodConditionPublisher.podScheduled(pod)
        .filter(c -> "False".equals(c.getStatus()))
        .map(c -> c.getMessage());
  }

  boolean bound(String ns, String name) {
    var pod = client.pods().inNamespace(ns).withName(name).get();
    return pod.getSpec().getNodeName() != null;
  }

  LatencyTenant tenant(String name) {
    return client.resources(LatencyTenant.class).withName(name).get();
  }

  Optional<Condition> ready(LatencyTenant tenant) {
    return tenant.getStatus() == null
        ? Optional.empty()
        : tenant.getStatus().conditions().stream()
            .filter(c -> c.getType().equals("Ready"))
            .findFirst();
  }

  Optional<Condition> profileCondition(String name, String type) {
    IsolationProfile p = client.resources(IsolationProfile.class).withName(name).get();
    return p.getStatus() == null
        ? Optional.empty()
        : p.getStatus().conditions().stream().filter(c -> c.getType().equals(type)).findFirst();
  }

  Optional<Condition> profileReady(String name) {
    IsolationProfile p = client.resources(IsolationProfile.class).withName(name).get();
    return p.getStatus() == null
        ? Optional.empty()
        : p.getStatus().conditions().stream().filter(c -> c.getType().equals("Ready")).findFirst();
  }

  List<Event> events(String ns, String reason) {
    return client.v1().events().inNamespace(ns).list().getItems().stream()
        .filter(e -> reason.equals(e.getReason()))
        .toList();
  }
}
