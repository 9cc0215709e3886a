package io.isocore.operator.scheduler;

import static io.isocore.operator.testing.ClusterFixtures.latencyPod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.isocore.api.v1alpha1.CoreAllocation;
import io.isocore.api.v1alpha1.CoreAllocationSpec;
import io.isocore.core.alloc.PodAllocation;
import io.isocore.operator.testing.MockCluster;
import io.isocore.operator.testing.SchedulerHarness;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A new operator instance on the same API server rebuilds the same state and moves nothing. */
@EnableKubernetesMockClient(crud = true)
class RecoveryIT {
  static final Duration TIMEOUT = Duration.ofSeconds(20);
  static final String NS = "trading";
  KubernetesClient client;

  @Test
  void newInstanceRecoversTheSameAllocationsAndMovesNothing() throws Exception {
    MockCluster.standard(client, 3);
    var before = new HashSet<PodAllocation>();
    Map<String, String> versions;
    Map<String, String> nodes;
    try (SchedulerHarness first = new SchedulerHarness(client, "replica-a").startLeading()) {
      for (int i = 0; i < 8; i++) {
        client.resource(latencyPod(NS, "feed-" + i, 2 + 2 * (i % 3))).create();
      }
      first.cycleUntil(() -> bound() == 8, TIMEOUT, "8 pods bound");
      before.addAll(first.reconciler.allocations());
      versions =
          first.coreAllocations().stream()
              .collect(
                  Collectors.toMap(
                      c -> c.getMetadata().getName(), c -> c.getMetadata().getResourceVersion()));
      nodes =
          client.pods().inNamespace(NS).list().getItems().stream()
              .collect(
                  Collectors.toMap(p -> p.getMetadata().getName(), p -> p.getSpec().getNodeName()));
    }
    int scheduledEvents = events("Scheduled");

    try (SchedulerHarness second = new SchedulerHarness(client, "replica-b").startLeading()) {
      assertThat(new HashSet<>(second.reconciler.allocations())).isEqualTo(before);
      for (int i = 0; i < 5; i++) {
        CycleReport report = second.cycle();
        assertThat(report.placed() + report.released() + report.rebound()).isZero();
      }
      assertThat(second.binder.bindings()).isZero();
      assertThat(
              second.coreAllocations().stream()
                  .collect(
                      Collectors.toMap(
                          c -> c.getMetadata().getName(),
                          c -> c.getMetadata().getResourceVersion())))
          .isEqualTo(versions);
      assertThat(
              client.pods().inNamespace(NS).list().getItems().stream()
                  .collect(
                      Collectors.toMap(
                          p -> p.getMetadata().getName(), p -> p.getSpec().getNodeName())))
          .isEqualTo(nodes);
      assertThat(events("Scheduled")).isEqualTo(scheduledEvents);
    }
  }

  @Test
  void idleSiblingsAndMemoryAreHeldAgainByTheNextLeader() throws Exception {
    MockCluster.standard(client, 1);
    PodAllocation before;
    try (SchedulerHarness first = new SchedulerHarness(client, "replica-a").startLeading()) {
      client.resource(latencyPod(NS, "odd", 3)).create();
      first.cycleUntil(() -> bound() == 1, TIMEOUT, "odd bound");
      before = first.reconciler.allocations().getFirst();
    }
    // 3 CPUs under FullCores on SMT2: 2 whole cores, the spare sibling held idle.
    assertThat(before.idleCpus().size()).isEqualTo(1);
    assertThat(before.memoryBytes()).isPositive();
    CoreAllocation resource =
        client.resources(CoreAllocation.class).inNamespace(NS).withName("odd").get();
    assertThat(resource.getSpec().idleCpus()).isEqualTo(before.idleCpus().toListString());
    try (SchedulerHarness second = new SchedulerHarness(client, "replica-b").startLeading()) {
      // Rebuilt from the resource: the same idle sibling and memory, so nothing else gets them.
      assertThat(second.reconciler.allocations()).containsExactly(before);
    }
  }

  @Test
  void allocationWrittenButNotBoundIsBoundToItsNodeByTheNextLeader() throws Exception {
    MockCluster.standard(client, 2);
    Pod pod = client.resource(latencyPod(NS, "orphan", 4)).create();
    // The previous leader wrote this allocation and died before binding.
    CoreAllocation written = new CoreAllocation();
    written.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
            .withNamespace(NS)
            .withName("orphan")
            .build());
    written.setSpec(
        new CoreAllocationSpec(
            "orphan",
            pod.getMetadata().getUid(),
            "n1",
            1,
            null,
            java.util.List.of(
                new io.isocore.api.v1alpha1.ContainerAllocation(
                    "app",
                    io.isocore.api.v1alpha1.ContainerAllocation.CpuMode.Exclusive,
                    "9-10,25-26",
                    null,
                    null),
                new io.isocore.api.v1alpha1.ContainerAllocation(
                    "log",
                    io.isocore.api.v1alpha1.ContainerAllocation.CpuMode.Shared,
                    null,
                    null,
                    null)),
            null));
    client.resource(written).create();

    try (SchedulerHarness next = new SchedulerHarness(client, "replica-b").startLeading()) {
      next.cycleUntil(
          () ->
              "n1"
                  .equals(
                      client
                          .pods()
                          .inNamespace(NS)
                          .withName("orphan")
                          .get()
                          .getSpec()
                          .getNodeName()),
          TIMEOUT,
          "orphan bound to n1");
      assertThat(next.reconciler.allocations())
          .singleElement()
          .satisfies(a -> assertThat(a.cpus().toListString()).isEqualTo("9-10,25-26"));
      assertThat(events("Rebound")).isEqualTo(1);
      assertThat(next.coreAllocations()).hasSize(1);
    }
  }

  @Test
  void allocationOfAPodDeletedWhileNoOneLedIsReleasedOnRecovery() throws Exception {
    MockCluster.standard(client, 1);
    try (SchedulerHarness first = new SchedulerHarness(client, "replica-a").startLeading()) {
      client.resource(latencyPod(NS, "gone", 4)).create();
      first.cycleUntil(() -> bound() == 1, TIMEOUT, "pod bound");
    }
    // Deleted while no replica ran; the mock has no garbage collector, so the allocation stays.
    client.pods().inNamespace(NS).withName("gone").delete();
    try (SchedulerHarness second = new SchedulerHarness(client, "replica-b").startLeading()) {
      assertThat(second.reconciler.allocations()).hasSize(1);
      second.cycleUntil(
          () -> second.coreAllocations().isEmpty(), TIMEOUT, "stale allocation deleted");
      assertThat(second.reconciler.allocations()).isEmpty();
    }
  }

  int bound() {
    return (int)
        client.pods().inNamespace(NS).list().getItems().stream()
            .filter(p -> p.getSpec().getNodeName() != null)
            .count();
  }

  int events(String reason) {
    return (int)
        client.v1().events().inNamespace(NS).list().getItems().stream()
            .filter(e -> reason.equals(e.getReason()))
            .count();
  }
}
