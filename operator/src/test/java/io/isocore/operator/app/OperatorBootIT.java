package io.isocore.operator.app;

import static io.isocore.operator.testing.ClusterFixtures.latencyPod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.isocore.api.v1alpha1.CoreAllocation;
import io.isocore.operator.testing.MockCluster;
import io.isocore.operator.testing.SchedulerHarness;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The booted application: SchedulerService starts the informers, wins the Lease and places a pod
 * created through the API (with the binding emulation bean in place of the API server's).
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class OperatorBootIT {
  @Inject KubernetesClient client;

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
}
