package io.isocore.agent.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.isocore.agent.events.AgentEvents;
import io.isocore.agent.probe.ProbeResults;
import io.isocore.agent.profile.NodeProfile;
import io.isocore.agent.testing.FixtureSysfs;
import io.isocore.agent.topology.NodeReader;
import io.isocore.api.v1alpha1.NodeTopology;
import io.isocore.mapping.profile.ProfileSelection;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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
    return new AgentConfig() {
      @Override
      public Optional<String> nodeName() {
        return Optional.of("node-1");
      }

      @Override
      public Optional<String> root() {
        return Optional.of(root.toString());
      }

      @Override
      public Publish publish() {
        return new Publish() {
          @Override
          public boolean enabled() {
            return true;
          }

          @Override
          public Duration refreshInterval() {
            return Duration.ofSeconds(60);
          }

          @Override
          public Duration hotplugPollInterval() {
            return Duration.ofSeconds(2);
          }
        };
      }
    };
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
}
