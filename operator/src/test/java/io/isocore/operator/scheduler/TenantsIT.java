package io.isocore.operator.scheduler;

import static io.isocore.operator.testing.ClusterFixtures.latencyPod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.isocore.api.v1alpha1.CoreAllocation;
import io.isocore.api.v1alpha1.LatencyTenant;
import io.isocore.api.v1alpha1.LatencyTenantStatus;
import io.isocore.operator.testing.ClusterFixtures;
import io.isocore.operator.testing.MockCluster;
import io.isocore.operator.testing.SchedulerHarness;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Pending pods of tenants are admitted in stride order; tenant status follows. */
@EnableKubernetesMockClient(crud = true)
class TenantsIT {
  static final Duration TIMEOUT = Duration.ofSeconds(20);
  KubernetesClient client;

  @Test
  void scarceCoresAreSharedInProportionToTickets() throws Exception {
    // One node: 7 + 8 isolated cores, so seven 2-core pods fit; 16 wait.
    MockCluster.standard(client, 1);
    client.resource(ClusterFixtures.tenant("alpha", 3, "alpha-ns")).create();
    client.resource(ClusterFixtures.tenant("beta", 1, "beta-ns")).create();
    try (SchedulerHarness harness = new SchedulerHarness(client, "t").startLeading()) {
      for (int i = 0; i < 8; i++) {
        client.resource(latencyPod("alpha-ns", "a" + i, 4)).create();
        client.resource(latencyPod("beta-ns", "b" + i, 4)).create();
      }
      SchedulerHarness.await(
          () ->
              harness.informers.pendingPods().size() == 16
                  && harness.informers.tenants().size() == 2,
          TIMEOUT,
          "informers to see 16 pods");
      CycleReport first = harness.cycle();
      assertThat(first.placed()).isEqualTo(7);
      // Stride with 3:1 tickets and equal pods: a, b, a, a, a, b, a.
      Map<String, Long> perTenant =
          client.resources(CoreAllocation.class).inAnyNamespace().list().getItems().stream()
              .collect(Collectors.groupingBy(c -> c.getSpec().tenant(), Collectors.counting()));
      assertThat(perTenant).containsExactlyInAnyOrderEntriesOf(Map.of("alpha", 5L, "beta", 2L));

      harness.cycleUntil(
          () -> status("alpha") != null && status("alpha").pendingPods() == 3,
          TIMEOUT,
          "alpha status");
      LatencyTenantStatus alpha = status("alpha");
      assertThat(alpha.effectiveTickets()).isEqualTo(3);
      assertThat(alpha.allocatedCores()).isEqualTo(10);
      assertThat(alpha.entitledCores()).isEqualTo(11.25);
      assertThat(alpha.observedGeneration())
          .isEqualTo(
              client
                  .resources(LatencyTenant.class)
                  .withName("alpha")
                  .get()
                  .getMetadata()
                  .getGeneration());
      LatencyTenantStatus beta = status("beta");
      assertThat(beta.allocatedCores()).isEqualTo(4);
      assertThat(beta.pendingPods()).isEqualTo(6);
      assertThat(beta.entitledCores()).isEqualTo(3.75);

      String version =
          client
              .resources(LatencyTenant.class)
              .withName("alpha")
              .get()
              .getMetadata()
              .getResourceVersion();
      for (int i = 0; i < 3; i++) {
        harness.cycle();
      }
      assertThat(
              client
                  .resources(LatencyTenant.class)
                  .withName("alpha")
                  .get()
                  .getMetadata()
                  .getResourceVersion())
          .as("status written only when it changed")
          .isEqualTo(version);
    }
  }

  @Test
  void aNewLeaderRestoresStridePassesAndExportsTheShareError() throws Exception {
    // Seven 2-core slots; equal tickets, both tenants waiting: a, b, a, b, a, b, a is admitted, so
    // alpha is one pod ahead. After a restart, the next free slot must go to beta (the passes say
    // so); a leader that forgot the passes would tie and pick alpha by name.
    MockCluster.standard(client, 1);
    client.resource(ClusterFixtures.tenant("alpha", 1, "alpha-ns")).create();
    client.resource(ClusterFixtures.tenant("beta", 1, "beta-ns")).create();
    try (SchedulerHarness first = new SchedulerHarness(client, "t").startLeading()) {
      for (int i = 0; i < 6; i++) {
        client.resource(latencyPod("alpha-ns", "a" + i, 4)).create();
        client.resource(latencyPod("beta-ns", "b" + i, 4)).create();
      }
      SchedulerHarness.await(
          () -> first.informers.pendingPods().size() == 12 && first.informers.tenants().size() == 2,
          TIMEOUT,
          "informers to see 12 pods");
      assertThat(first.cycle().placed()).isEqualTo(7);
      first.cycleUntil(
          () -> status("alpha") != null && status("alpha").pendingPods() == 2,
          TIMEOUT,
          "alpha status");
      assertThat(status("alpha").pass()).isGreaterThan(status("beta").pass());
      // alpha got 4 pods (8 cores), owed 7 of 14: +1 core over the last 10 admissions
      assertThat(status("alpha").shareErrorCores().last10()).isEqualTo(1.0);
      assertThat(status("beta").shareErrorCores().last10()).isEqualTo(-1.0);
      assertThat(
              first.registry.scrape().stream()
                  .filter(
                      m ->
                          m.getMetadata()
                              .getPrometheusName()
                              .equals("isocore_tenant_share_error_cores"))
                  .count())
          .isEqualTo(1);
    }
    try (SchedulerHarness second = new SchedulerHarness(client, "u").startLeading()) {
      SchedulerHarness.await(() -> second.informers.tenants().size() == 2, TIMEOUT, "tenants seen");
      String boundAlpha =
          client.pods().inNamespace("alpha-ns").list().getItems().stream()
              .filter(p -> p.getSpec().getNodeName() != null)
              .findFirst()
              .orElseThrow()
              .getMetadata()
              .getName();
      client.pods().inNamespace("alpha-ns").withName(boundAlpha).delete();
      second.cycleUntil(
          () ->
              client.resources(CoreAllocation.class).inAnyNamespace().list().getItems().stream()
                      .filter(c -> "beta".equals(c.getSpec().tenant()))
                      .count()
                  == 4,
          TIMEOUT,
          "the freed slot goes to beta");
      assertThat(
              client.resources(CoreAllocation.class).inAnyNamespace().list().getItems().stream()
                  .filter(c -> "alpha".equals(c.getSpec().tenant()))
                  .count())
          .isEqualTo(3);
    }
  }

  @Test
  void capIsRespectedAndTheRestGoesToOthers() throws Exception {
    MockCluster.standard(client, 1);
    LatencyTenant capped = ClusterFixtures.tenant("capped", 100, "c-ns");
    capped.setSpec(
        new io.isocore.api.v1alpha1.LatencyTenantSpec(java.util.List.of("c-ns"), 100, 4, null));
    client.resource(capped).create();
    client.resource(ClusterFixtures.tenant("other", 1, "o-ns")).create();
    try (SchedulerHarness harness = new SchedulerHarness(client, "t").startLeading()) {
      for (int i = 0; i < 4; i++) {
        client.resource(latencyPod("c-ns", "c" + i, 4)).create();
        client.resource(latencyPod("o-ns", "o" + i, 4)).create();
      }
      SchedulerHarness.await(
          () ->
              harness.informers.pendingPods().size() == 8
                  && harness.informers.tenants().size() == 2,
          TIMEOUT,
          "informers");
      harness.cycle();
      Map<String, Long> perTenant =
          client.resources(CoreAllocation.class).inAnyNamespace().list().getItems().stream()
              .collect(Collectors.groupingBy(c -> c.getSpec().tenant(), Collectors.counting()));
      assertThat(perTenant).containsExactlyInAnyOrderEntriesOf(Map.of("capped", 2L, "other", 4L));
      var waiting =
          client.pods().inNamespace("c-ns").list().getItems().stream()
              .filter(p -> p.getSpec().getNodeName() == null)
              .findFirst()
              .orElseThrow();
      harness.cycleUntil(
          () ->
              io.isocore.operator.kube.PodConditionPublisher.podScheduled(
                      client
                          .pods()
                          .inNamespace("c-ns")
                          .withName(waiting.getMetadata().getName())
                          .get())
                  .isPresent(),
          TIMEOUT,
          "capped pod marked");
      assertThat(
              io.isocore.operator.kube.PodConditionPublisher.podScheduled(
                      client
                          .pods()
                          .inNamespace("c-ns")
                          .withName(waiting.getMetadata().getName())
                          .get())
                  .get()
                  .getMessage())
          .contains("cap");
    }
  }

  LatencyTenantStatus status(String name) {
    return client.resources(LatencyTenant.class).withName(name).get().getStatus();
  }
}
