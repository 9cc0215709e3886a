package io.isocore.operator.scheduler;

import static io.isocore.operator.testing.ClusterFixtures.latencyPod;
import static io.isocore.operator.testing.ClusterFixtures.node;
import static io.isocore.operator.testing.ClusterFixtures.profile;
import static io.isocore.operator.testing.ClusterFixtures.reservedCpus;
import static io.isocore.operator.testing.ClusterFixtures.topology;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.isocore.api.testing.CrValidator;
import io.isocore.api.testing.CrdSchemas;
import io.isocore.api.v1alpha1.CoreAllocation;
import io.isocore.api.v1alpha1.CoreAllocationStatus;
import io.isocore.core.cpu.CpuSet;
import io.isocore.kube.metrics.ScrapeResponse;
import io.isocore.operator.kube.PodConditionPublisher;
import io.isocore.operator.testing.MockCluster;
import io.isocore.operator.testing.SchedulerHarness;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class SchedulingIT {
  static final Duration TIMEOUT = Duration.ofSeconds(20);
  static final String NS = "trading";

  KubernetesClient client;
  SchedulerHarness harness;

  @BeforeEach
  void cluster() throws Exception {
    MockCluster.installCrds(client);
    client.resource(profile("latency", reservedCpus(1, 2, 8, 2))).create();
    for (int i = 0; i < 3; i++) {
      client.resource(node("n" + i, 32)).create();
      MockCluster.createWithStatus(client, topology("n" + i, 1, 2, 8, 2));
    }
    harness = new SchedulerHarness(client, "test-0").startLeading();
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void podsCreatedThroughTheApiEndUpBoundWithValidCoreAllocations() {
    for (int i = 0; i < 6; i++) {
      client.resource(latencyPod(NS, "feed-" + i, 4)).create();
    }
    harness.cycleUntil(() -> boundCount() == 6, TIMEOUT, "6 pods bound");

    List<CoreAllocation> allocations = harness.coreAllocations();
    assertThat(allocations).hasSize(6);
    CrValidator validator =
        new CrValidator(CrdSchemas.readByKind(CrdSchemas.repositoryRoot().resolve("crds")));
    Map<String, CpuSet> heldPerNode = new HashMap<>();
    for (CoreAllocation ca : allocations) {
      Pod pod = client.pods().inNamespace(NS).withName(ca.getMetadata().getName()).get();
      assertThat(ca.getSpec().nodeName()).isEqualTo(pod.getSpec().getNodeName());
      assertThat(ca.getSpec().podUid()).isEqualTo(pod.getMetadata().getUid());
      assertThat(ca.getMetadata().getOwnerReferences())
          .singleElement()
          .satisfies(
              o -> {
                assertThat(o.getUid()).isEqualTo(pod.getMetadata().getUid());
                assertThat(o.getController()).isTrue();
                assertThat(o.getKind()).isEqualTo("Pod");
              });
      assertThat(ca.getStatus().phase()).isEqualTo(CoreAllocationStatus.Phase.Pending);
      var app =
          ca.getSpec().containers().stream()
              .filter(c -> c.name().equals("app"))
              .findFirst()
              .orElseThrow();
      CpuSet cpus = CpuSet.parse(app.cpus());
      assertThat(cpus.size()).isEqualTo(4);
      CpuSet held = heldPerNode.getOrDefault(ca.getSpec().nodeName(), CpuSet.empty());
      assertThat(held.intersects(cpus)).as("no CPU with two owners").isFalse();
      heldPerNode.put(ca.getSpec().nodeName(), held.union(cpus));
      assertThat(cpus.contains(0) || cpus.contains(16))
          .as("reserved CPUs never allocated")
          .isFalse();
      ca.setStatus(null);
      assertThat(validator.validateObject(ca)).as("CoreAllocation valid against the CRD").isEmpty();
    }
    assertThat(events("Scheduled")).hasSize(6);
    String metrics =
        new String(ScrapeResponse.render(harness.registry, null).body(), StandardCharsets.UTF_8);
    assertThat(metrics)
        .contains("isocore_placements_total{outcome=\"placed\"} 6.0")
        .contains("isocore_operator_leader 1.0")
        .contains("isocore_pending_pods{tenant=\"\"} 0.0");
  }

  @Test
  void deletionReleasesTheCoresForTheNextPod() {
    // 3 nodes x 2 NUMA nodes x 7 isolated cores: 3 pods of 7 cores fill one NUMA node each... 6
    // fill all.
    for (int i = 0; i < 6; i++) {
      client.resource(latencyPod(NS, "big-" + i, 14)).create();
    }
    harness.cycleUntil(() -> boundCount() == 6, TIMEOUT, "6 big pods bound");
    client.resource(latencyPod(NS, "late", 14)).create();
    harness.cycleUntil(() -> unschedulable("late"), TIMEOUT, "late pod marked unschedulable");

    CoreAllocation freed =
        client.resources(CoreAllocation.class).inNamespace(NS).withName("big-2").get();
    client.pods().inNamespace(NS).withName("big-2").delete();
    harness.cycleUntil(() -> bound("late"), TIMEOUT, "late pod bound after big-2 was deleted");

    assertThat(client.resources(CoreAllocation.class).inNamespace(NS).withName("big-2").get())
        .isNull();
    CoreAllocation late =
        client.resources(CoreAllocation.class).inNamespace(NS).withName("late").get();
    assertThat(late.getSpec().nodeName()).isEqualTo(freed.getSpec().nodeName());
    assertThat(late.getSpec().numaNode()).isEqualTo(freed.getSpec().numaNode());
    assertThat(harness.reconciler.allocations()).hasSize(6);
  }

  @Test
  void terminatedPodReleasesItsCores() {
    client.resource(latencyPod(NS, "job", 4)).create();
    harness.cycleUntil(() -> bound("job"), TIMEOUT, "job bound");
    client
        .pods()
        .inNamespace(NS)
        .withName("job")
        .editStatus(
            p -> {
              p.getStatus().setPhase("Succeeded");
              return p;
            });
    harness.cycleUntil(() -> harness.reconciler.allocations().isEmpty(), TIMEOUT, "job released");
    assertThat(client.resources(CoreAllocation.class).inNamespace(NS).withName("job").get())
        .isNull();
    assertThat(events("Released")).hasSize(1);
  }

  @Test
  void unschedulablePodGetsTheExactShortfallOnceAndNoEventStorm() {
    // 18 CPUs = 9 whole cores on SMT2; the largest NUMA node has 8 isolated cores.
    client.resource(latencyPod(NS, "huge", 18)).create();
    harness.cycleUntil(() -> unschedulable("huge"), TIMEOUT, "huge marked unschedulable");
    var condition =
        PodConditionPublisher.podScheduled(client.pods().inNamespace(NS).withName("huge").get())
            .orElseThrow();
    assertThat(condition.getStatus()).isEqualTo("False");
    assertThat(condition.getReason()).isEqualTo("Unschedulable");
    assertThat(condition.getMessage()).contains("NUMA node 1, 8 free");
    System.out.println("unschedulable message: " + condition.getMessage());
    for (int i = 0; i < 5; i++) {
      harness.cycle();
    }
    assertThat(events("FailedScheduling")).hasSize(1);
    assertThat(harness.coreAllocations()).isEmpty();
  }

  @Test
  void theFiltersKeepAPodOffTheNodeBestFitPrefersAndSayWhyWhenNoNodeIsLeft() {
    // Best fit prefers the node with the fewest free cores: the one "first" landed on.
    client.resource(latencyPod(NS, "first", 4)).create();
    harness.cycleUntil(() -> bound("first"), TIMEOUT, "first bound");
    String preferred = nodeOf("first");
    taint(preferred);
    client.resource(latencyPod(NS, "second", 4)).create();
    harness.cycleUntil(() -> bound("second"), TIMEOUT, "second bound");
    assertThat(nodeOf("second")).as("the tainted node is filtered out").isNotEqualTo(preferred);

    for (int i = 0; i < 3; i++) {
      taint("n" + i);
    }
    client.resource(latencyPod(NS, "third", 4)).create();
    harness.cycleUntil(() -> unschedulable("third"), TIMEOUT, "third unschedulable");
    assertThat(
            PodConditionPublisher.podScheduled(
                    client.pods().inNamespace(NS).withName("third").get())
                .orElseThrow()
                .getMessage())
        .isEqualTo("0/3 nodes are available: 3 node(s) had untolerated taint {dedicated: other}.");
  }

  /** Taints the node NoSchedule and waits until the scheduler's informer shows it. */
  private void taint(String node) {
    client
        .nodes()
        .withName(node)
        .edit(
            n -> {
              n.getSpec()
                  .setTaints(
                      List.of(
                          new io.fabric8.kubernetes.api.model.TaintBuilder()
                              .withKey("dedicated")
                              .withValue("other")
                              .withEffect("NoSchedule")
                              .build()));
              return n;
            });
    SchedulerHarness.await(
        () ->
            harness.informers.nodes().stream()
                .anyMatch(
                    n ->
                        n.getMetadata().getName().equals(node)
                            && n.getSpec().getTaints() != null
                            && !n.getSpec().getTaints().isEmpty()),
        TIMEOUT,
        node + " tainted in the informer");
  }

  private String nodeOf(String pod) {
    return client.pods().inNamespace(NS).withName(pod).get().getSpec().getNodeName();
  }

  @Test
  void memoryIsCountedPerNumaNodeAndAShortfallIsReported() {
    // Each NUMA node: 64Gi MemTotal less 8Gi of 1Gi and 2Gi of 2Mi hugepages = 54Gi.
    client.resource(withMemory(latencyPod(NS, "fat", 2), "60Gi")).create();
    client.resource(withMemory(latencyPod(NS, "big", 2), "40Gi")).create();
    harness.cycleUntil(
        () -> unschedulable("fat") && bound("big"), TIMEOUT, "fat refused, big bound");
    var condition =
        PodConditionPublisher.podScheduled(client.pods().inNamespace(NS).withName("fat").get())
            .orElseThrow();
    assertThat(condition.getMessage()).startsWith("needs 60Gi of memory on NUMA node ");
    assertThat(condition.getMessage()).contains("; 54Gi free (best: node n");
    assertThat(events("FailedScheduling"))
        .anySatisfy(e -> assertThat(e.getMessage()).contains("needs 60Gi of memory"));
    CoreAllocation big =
        client.resources(CoreAllocation.class).inNamespace(NS).withName("big").get();
    // The whole pod's memory: app 40Gi and the log sidecar's 64Mi.
    assertThat(big.getSpec().memoryBytes()).isEqualTo((40L << 30) + (64L << 20));
    assertThat(big.getSpec().idleCpus()).isEmpty();
  }

  private static Pod withMemory(Pod pod, String memory) {
    var resources = pod.getSpec().getContainers().getFirst().getResources();
    resources.getRequests().put("memory", new io.fabric8.kubernetes.api.model.Quantity(memory));
    resources.getLimits().put("memory", new io.fabric8.kubernetes.api.model.Quantity(memory));
    return pod;
  }

  @Test
  void failedBindingRollsTheAllocationBack() {
    harness.binder.failNext(1);
    client.resource(latencyPod(NS, "flaky", 4)).create();
    harness.cycleUntil(
        () -> !events("BindingFailed").isEmpty(), TIMEOUT, "binding failure reported");
    // The Event says what the API answered: its message and its HTTP code.
    assertThat(events("BindingFailed").getFirst().getMessage())
        .contains("allocation rolled back")
        .contains("etcdserver: request timed out")
        .contains("HTTP 500");
    assertThat(client.resources(CoreAllocation.class).inNamespace(NS).withName("flaky").get())
        .isNull();
    assertThat(harness.reconciler.allocations()).isEmpty();
    harness.cycleUntil(() -> bound("flaky"), TIMEOUT, "flaky bound on retry");
    assertThat(harness.coreAllocations()).hasSize(1);
  }

  @Test
  void nicAnnotationPutsThePodOnTheNicsNumaNode() {
    Pod pod = latencyPod(NS, "nic", 4);
    pod.getMetadata().setAnnotations(Map.of("isocore.io/numa-align-nic", "ens1f0"));
    client.resource(pod).create();
    harness.cycleUntil(() -> bound("nic"), TIMEOUT, "nic pod bound");
    assertThat(
            client
                .resources(CoreAllocation.class)
                .inNamespace(NS)
                .withName("nic")
                .get()
                .getSpec()
                .numaNode())
        .isEqualTo(1);
  }

  int boundCount() {
    return (int) harness.pods(NS).stream().filter(p -> p.getSpec().getNodeName() != null).count();
  }

  boolean bound(String name) {
    Pod pod = client.pods().inNamespace(NS).withName(name).get();
    return pod != null && pod.getSpec().getNodeName() != null;
  }

  boolean unschedulable(String name) {
    Pod pod = client.pods().inNamespace(NS).withName(name).get();
    return PodConditionPublisher.podScheduled(pod)
        .map(c -> "False".equals(c.getStatus()))
        .orElse(false);
  }

  List<Event> events(String reason) {
    return client.v1().events().inNamespace(NS).list().getItems().stream()
        .filter(e -> reason.equals(e.getReason()))
        .toList();
  }
}
