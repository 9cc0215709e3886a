package io.isocore.agent.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.isocore.agent.events.AgentEvents;
import io.isocore.agent.probe.ProbeResults;
import io.isocore.agent.profile.NodeProfile;
import io.isocore.agent.testing.FixtureSysfs;
import io.isocore.agent.testing.TestAgentConfig;
import io.isocore.agent.topology.NodeReader;
import io.isocore.api.v1alpha1.NodeTopology;
import io.isocore.mapping.profile.ProfileSelection;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ProfileUsable condition of the NodeTopology: a node matched by two profiles (or by an invalid
 * one) says so, naming them, with a Warning Event; the end of the conflict is a Normal Event.
 */
@EnableKubernetesMockClient(crud = true)
class NodeTopologyProfileTest {

  KubernetesClient client;

  @TempDir Path root;

  private AgentConfig config() {
    return TestAgentConfig.publishing("node-1", root);
  }

  private Condition profileCondition() {
    return client
        .resources(NodeTopology.class)
        .withName("node-1")
        .get()
        .getStatus()
        .conditions()
        .stream()
        .filter(c -> "ProfileUsable".equals(c.getType()))
        .findFirst()
        .orElseThrow();
  }

  private List<String> events() {
    return client.v1().events().inNamespace("default").list().getItems().stream()
        .map(e -> e.getType() + " " + e.getReason() + ": " + e.getMessage())
        .sorted()
        .toList();
  }

  @Test
  void aConflictNamesBothProfilesWithAWarningEventAndItsEndANormalOne() {
    FixtureSysfs.machine()
        .packages(1)
        .numaPerPackage(1)
        .coresPerNuma(2)
        .threadsPerCore(2)
        .write(root);
    NodeProfile profile = new NodeProfile();
    NodeTopologyPublisher publisher =
        new NodeTopologyPublisher(
            client,
            config(),
            AgentEvents.synchronous(client, "node-1", Clock.systemUTC()),
            new ProbeResults(),
            profile);
    publisher.publish(new NodeReader(root).read());
    // Before any enforcement pass there is no selection and no condition.
    assertThat(
            client.resources(NodeTopology.class).withName("node-1").get().getStatus().conditions())
        .extracting(Condition::getType)
        .containsExactly("Ready", "Degraded");

    profile.update(new ProfileSelection.Ambiguous(List.of("batch", "low-latency")));
    assertThat(publisher.publish(new NodeReader(root).read())).isEqualTo(PublishOutcome.UPDATED);

    Condition conflict = profileCondition();
    assertThat(conflict.getStatus()).isEqualTo("False");
    assertThat(conflict.getReason()).isEqualTo("ProfileConflict");
    assertThat(conflict.getMessage())
        .isEqualTo("this node matched several IsolationProfiles (batch, low-latency)");
    assertThat(events())
        .containsExactly(
            "Warning ProfileConflict: this node matched several IsolationProfiles"
                + " (batch, low-latency)");

    // Unchanged: no new write, no new Event.
    assertThat(publisher.publish(new NodeReader(root).read())).isEqualTo(PublishOutcome.UNCHANGED);
    assertThat(events()).hasSize(1);

    profile.update(
        new ProfileSelection.Invalid(
            "low-latency",
            "IsolationProfile low-latency: spec.reservedCpus 0-1 and spec.isolatedCpus.cpus 0-15"
                + " overlap on 0-1; a CPU is either housekeeping or isolated"));
    publisher.publish(new NodeReader(root).read());
    assertThat(profileCondition().getReason()).isEqualTo("InvalidProfile");
    assertThat(profileCondition().getMessage())
        .contains("spec.reservedCpus 0-1")
        .contains("spec.isolatedCpus.cpus 0-15");
    assertThat(events()).hasSize(2).anyMatch(e -> e.startsWith("Warning InvalidProfile: "));

    profile.update(new ProfileSelection.None());
    publisher.publish(new NodeReader(root).read());
    assertThat(profileCondition().getReason()).isEqualTo("NoProfile");
    assertThat(events()).hasSize(3).anyMatch(e -> e.startsWith("Normal ProfileResolved: "));
  }

  @Test
  void aSelectedProfileIsReportedOnTheNodeTopologyWithItsFindings() {
    FixtureSysfs.machine()
        .packages(1)
        .numaPerPackage(1)
        .coresPerNuma(2)
        .threadsPerCore(2)
        .write(root);
    NodeProfile profile = new NodeProfile();
    NodeTopologyPublisher publisher =
        new NodeTopologyPublisher(
            client,
            config(),
            AgentEvents.synchronous(client, "node-1", Clock.systemUTC()),
            new ProbeResults(),
            profile);
    publisher.publish(new NodeReader(root).read());
    assertThat(client.resources(NodeTopology.class).withName("node-1").get().getStatus().profile())
        .as("no selection yet: no report")
        .isNull();

    io.isocore.api.v1alpha1.IsolationProfile resource =
        new io.isocore.api.v1alpha1.IsolationProfile();
    resource.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("latency").build());
    // 4 CPUs, reserved 0, isolated explicitly 1-5: 4-5 are not online here
    profile.update(
        new ProfileSelection.Selected(
            resource,
            new io.isocore.core.profile.ProfileRules(
                io.isocore.core.cpu.CpuSet.parse("0"),
                Optional.of(io.isocore.core.cpu.CpuSet.parse("1-5")),
                io.isocore.core.alloc.SmtPolicy.FULL_CORES,
                io.isocore.core.alloc.NumaPolicy.SINGLE_NODE_REQUIRED,
                io.isocore.core.enforce.UnallocatedIsolatedPolicy.IDLE,
                true,
                io.isocore.core.profile.ProbeSchedule.DEFAULTS,
                java.util.OptionalLong.empty())));
    assertThat(publisher.publish(new NodeReader(root).read())).isEqualTo(PublishOutcome.UPDATED);
    var report =
        client.resources(NodeTopology.class).withName("node-1").get().getStatus().profile();
    assertThat(report.name()).isEqualTo("latency");
    assertThat(report.isolatedCpus()).isEqualTo("1-5");
    assertThat(report.recommendedKernelCmdline())
        .isEqualTo("isolcpus=managed_irq,domain,1-5 nohz_full=1-5 rcu_nocbs=1-5 irqaffinity=0");
    assertThat(report.findings()).containsExactly("isolated CPUs 4-5 are offline");
    assertThat(publisher.publish(new NodeReader(root).read()))
        .as("the same report is no change")
        .isEqualTo(PublishOutcome.UNCHANGED);
  }
}
