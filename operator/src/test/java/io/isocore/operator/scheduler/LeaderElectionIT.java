package io.isocore.operator.scheduler;

import static io.isocore.operator.testing.ClusterFixtures.latencyPod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.isocore.api.v1alpha1.CoreAllocation;
import io.isocore.core.cpu.CpuSet;
import io.isocore.operator.testing.MockCluster;
import io.isocore.operator.testing.SchedulerHarness;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two replicas under Lease election: one schedules; after it dies the other takes over; no CPU
 * twice.
 */
@EnableKubernetesMockClient(crud = true)
class LeaderElectionIT {
  static final Duration TIMEOUT = Duration.ofSeconds(30);
  static final String NS = "trading";
  KubernetesClient client;

  @Test
  void twoReplicasNeverDoubleAllocate() throws Exception {
    MockCluster.standard(client, 2);
    SchedulerHarness a =
        new SchedulerHarness(client, "replica-a").runElected("replica-a", Duration.ofSeconds(2));
    SchedulerHarness b =
        new SchedulerHarness(client, "replica-b").runElected("replica-b", Duration.ofSeconds(2));
    try {
      SchedulerHarness.await(
          () -> a.reconciler.leading() || b.reconciler.leading(), TIMEOUT, "a leader");
      for (int i = 0; i < 10; i++) {
        client.resource(latencyPod(NS, "first-" + i, 4)).create();
      }
      SchedulerHarness.await(() -> bound() == 10, TIMEOUT, "10 pods bound");
      SchedulerHarness.await(
          () -> a.binder.bindings() + b.binder.bindings() == 10, TIMEOUT, "10 binds counted");
      assertThat(a.reconciler.leading() && b.reconciler.leading())
          .as("never two leaders")
          .isFalse();
      SchedulerHarness leader = a.reconciler.leading() ? a : b;
      SchedulerHarness follower = leader == a ? b : a;
      assertThat(follower.binder.bindings()).isZero();
      String holder =
          client
              .resources(Lease.class)
              .inNamespace("isocore-system")
              .withName("isocore-scheduler")
              .get()
              .getSpec()
              .getHolderIdentity();
      assertThat(holder).isEqualTo(leader == a ? "replica-a" : "replica-b");

      leader.close();
      int leaderBindings = leader.binder.bindings();
      assertThat(leaderBindings).isEqualTo(10);
      SchedulerHarness.await(follower.reconciler::leading, TIMEOUT, "the follower to take over");
      for (int i = 0; i < 4; i++) {
        client.resource(latencyPod(NS, "second-" + i, 4)).create();
      }
      SchedulerHarness.await(() -> bound() == 14, TIMEOUT, "14 pods bound");
      // The pod shows spec.nodeName a moment before the binder counts its bind: wait for the count.
      SchedulerHarness.await(
          () -> follower.binder.bindings() == 4,
          TIMEOUT,
          "4 binds by the new leader; events: " + scheduledBy());
      assertThat(leader.binder.bindings())
          .as("the old leader bound nothing after it stopped")
          .isEqualTo(leaderBindings);
      assertNoCpuTwice(follower.coreAllocations());
      assertThat(follower.reconciler.allocations()).hasSize(14);
    } finally {
      a.close();
      b.close();
    }
  }

  static void assertNoCpuTwice(List<CoreAllocation> allocations) {
    Map<String, CpuSet> held = new HashMap<>();
    for (CoreAllocation ca : allocations) {
      for (var c : ca.getSpec().containers()) {
        if (c.cpus() == null) {
          continue;
        }
        CpuSet cpus = CpuSet.parse(c.cpus());
        CpuSet before = held.getOrDefault(ca.getSpec().nodeName(), CpuSet.empty());
        assertThat(before.intersects(cpus))
            .as("CPUs %s on %s held twice", cpus, ca.getSpec().nodeName())
            .isFalse();
        held.put(ca.getSpec().nodeName(), before.union(cpus));
      }
    }
  }

  List<String> scheduledBy() {
    return client.v1().events().inNamespace(NS).list().getItems().stream()
        .filter(e -> "Scheduled".equals(e.getReason()) || "Rebound".equals(e.getReason()))
        .map(
            e ->
                e.getInvolvedObject().getName()
                    + "@"
                    + e.getReportingInstance()
                    + ":"
                    + e.getReason())
        .sorted()
        .toList();
  }

  int bound() {
    return (int)
        client.pods().inNamespace(NS).list().getItems().stream()
            .filter(p -> p.getSpec().getNodeName() != null)
            .count();
  }
}
