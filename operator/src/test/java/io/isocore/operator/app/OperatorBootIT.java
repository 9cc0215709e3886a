package io.isocore.operator.app;

import static io.isocore.operator.testing.ClusterFixtures.latencyPod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.isocore.api.v1alpha1.CoreAllocation;
import io.isocore.operator.testing.MockCluster;
import io.isocore.operator.testing.SchedulerHarness;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The booted application: SchedulerService starts the informers, wins the Lease and places a pod
 * created through the API (with the binding emulation bean in place of the API server's); the
 * {@code /metrics} route (kube-support's bean) serves the operator's registry.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class OperatorBootIT {
  @Inject KubernetesClient client;

  @TestHTTPResource("/metrics")
  URI metrics;

  @Test
  void bootedOperatorTakesTheLeaseAndPlacesAPod() {
    MockCluster.standard(client, 2);
    client.resource(latencyPod("trading", "feed", 4)).create();
    SchedulerHarness.await(
        () ->
            client.pods().inNamespace("trading").withName("feed").get().getSpec().getNodeName()
                != null,
        Duration.ofSeconds(30),
        "feed bound by the booted operator");
    CoreAllocation allocation =
        client.resources(CoreAllocation.class).inNamespace("trading").withName("feed").get();
    assertThat(allocation.getSpec().nodeName())
        .isEqualTo(
            client.pods().inNamespace("trading").withName("feed").get().getSpec().getNodeName());
    Lease lease =
        client
            .resources(Lease.class)
            .inNamespace("isocore-system")
            .withName("isocore-scheduler")
            .get();
    assertThat(lease.getSpec().getHolderIdentity()).isNotBlank();
  }

  @Test
  void metricsRouteServesTheOperatorsRegistry() {
    // kube-support's route, discovered as a bean, over the registry the operator writes to.
    SchedulerHarness.await(
        () -> scrape().body().contains("isocore_operator_leader 1"),
        Duration.ofSeconds(30),
        "/metrics shows the operator leading");
    HttpResponse<String> response = scrape();
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("text/plain");
  }

  private HttpResponse<String> scrape() {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(
          HttpRequest.newBuilder(metrics).GET().build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
