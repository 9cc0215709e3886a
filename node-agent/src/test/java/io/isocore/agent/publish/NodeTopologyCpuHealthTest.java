package io.isocore.agent.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.isocore.agent.events.AgentEvents;
import io.isocore.agent.probe.ProbeResults;
import io.isocore.agent.probe.ProbeWindow;
import io.isocore.agent.profile.NodeProfile;
import io.isocore.agent.testing.FixtureSysfs;
import io.isocore.agent.testing.TestAgentConfig;
import io.isocore.agent.topology.NodeReader;
import io.isocore.api.v1alpha1.CpuHealth;
import io.isocore.api.v1alpha1.NodeTopology;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** status.cpuHealth comes from the probe's results (Fabric8 mock server, CRUD). */
@EnableKubernetesMockClient(crud = true)
class NodeTopologyCpuHealthTest {

  KubernetesClient client;

  @TempDir Path root;

  private AgentConfig config() {
    return TestAgentConfig.publishing("node-1", root);
  }

  @Test
  void publishesTheLastProbeWindowPerCpuAndRewritesWhenItChanges() {
    FixtureSysfs.machine()
        .packages(1)
        .numaPerPackage(1)
        .coresPerNuma(2)
        .threadsPerCore(2)
        .write(root);
    ProbeResults results = new ProbeResults();
    NodeTopologyPublisher publisher =
        new NodeTopologyPublisher(
            client,
            config(),
            AgentEvents.synchronous(client, "node-1", Clock.systemUTC()),
            results,
            new NodeProfile());

    assertThat(publisher.publish(new NodeReader(root).read())).isEqualTo(PublishOutcome.CREATED);
    NodeTopology before = client.resources(NodeTopology.class).withName("node-1").get();
    assertThat(before.getStatus().cpuHealth()).isNullOrEmpty();

    Instant end = Instant.parse("2026-11-24T07:00:00Z");
    results.record(
        new ProbeWindow(3, end, 10_000_000_000L, 1_000_000, 5, 80_000, 20_000, 30, 12.5, 1000),
        OptionalLong.of(50_000));
    assertThat(publisher.publish(new NodeReader(root).read())).isEqualTo(PublishOutcome.UPDATED);

    NodeTopology after = client.resources(NodeTopology.class).withName("node-1").get();
    assertThat(after.getStatus().cpuHealth())
        .containsExactly(new CpuHealth(3, 80_000L, 20_000L, 12.5, end.toString(), true));
    assertThat(publisher.publish(new NodeReader(root).read())).isEqualTo(PublishOutcome.UNCHANGED);
  }
}
