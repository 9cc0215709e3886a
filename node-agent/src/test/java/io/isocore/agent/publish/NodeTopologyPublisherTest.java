package io.isocore.agent.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.isocore.agent.testing.FixtureSysfs;
import io.isocore.agent.topology.NodeReader;
import io.isocore.api.v1alpha1.NodeTopology;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.node.NodeSnapshot;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Publication against the Fabric8 mock API server in CRUD mode: created once, not rewritten when
 * nothing changed, rewritten on a change, conditions set, Events on transitions only. One test
 * method keeps the slow Quarkus boot to one.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class NodeTopologyPublisherTest {

  @Inject NodeTopologyPublisher publisher;
  @Inject KubernetesClient client;

  @Test
  void createsOnceWritesOnlyOnChangeAndSetsConditions() throws Exception {
    Path root = Files.createTempDirectory("isocore-publish");
    FixtureSysfs.machine()
        .packages(2)
        .numaPerPackage(1)
        .coresPerNuma(2)
        .threadsPerCore(2)
        .write(root);
    NodeSnapshot first = new NodeReader(root).read();

    assertThat(publisher.publish(first)).isEqualTo(PublishOutcome.CREATED);
    NodeTopology created = client.resources(NodeTopology.class).withName("test-node").get();
    assertThat(created.getSpec().nodeName()).isEqualTo("test-node");
    assertThat(created.getStatus().cpusOnline()).isEqualTo("0-7");
    assertThat(created.getStatus().cores()).hasSize(4);
    Map<String, Condition> conditions = byType(created);
    assertThat(conditions.get("Ready").getStatus()).isEqualTo("True");
    assertThat(conditions.get("Degraded").getStatus()).isEqualTo("False");
    assertThat(conditions.get("Ready").getObservedGeneration()).isNotNull();
    String version = created.getMetadata().getResourceVersion();
    String readyTransition = conditions.get("Ready").getLastTransitionTime();

    // The same node read again: nothing is written.
    assertThat(publisher.publish(new NodeReader(root).read())).isEqualTo(PublishOutcome.UNCHANGED);
    assertThat(
            client
                .resources(NodeTopology.class)
                .withName("test-node")
                .get()
                .getMetadata()
                .getResourceVersion())
        .isEqualTo(version);

    // A file goes bad: Degraded names it; Ready keeps its transition time.
    FixtureSysfs.put(root.resolve("sys/devices/system/node/node1/distance"), "10 twenty");
    Thread.sleep(5);
    assertThat(publisher.publish(new NodeReader(root).read())).isEqualTo(PublishOutcome.UPDATED);
    NodeTopology degraded = client.resources(NodeTopology.class).withName("test-node").get();
    Map<String, Condition> after = byType(degraded);
    assertThat(after.get("Degraded").getStatus()).isEqualTo("True");
    assertThat(after.get("Degraded").getReason()).isEqualTo("UnreadableFiles");
    assertThat(after.get("Degraded").getMessage())
        .contains("/sys/devices/system/node/node1/distance");
    assertThat(after.get("Ready").getLastTransitionTime()).isEqualTo(readyTransition);
    assertThat(degraded.getMetadata().getResourceVersion()).isNotEqualTo(version);
    assertThat(eventReasons()).containsExactly("TopologyDegraded");
    assertThat(events().get(0).getMessage()).contains("/sys/devices/system/node/node1/distance");
    assertThat(events().get(0).getInvolvedObject().getName()).isEqualTo("test-node");

    // A CPU goes offline (hotplug): the status follows.
    FixtureSysfs.put(root.resolve("sys/devices/system/cpu/online"), "0-6");
    FixtureSysfs.put(root.resolve("sys/devices/system/cpu/offline"), "7");
    assertThat(publisher.publish(new NodeReader(root).read())).isEqualTo(PublishOutcome.UPDATED);
    NodeTopology hotplugged = client.resources(NodeTopology.class).withName("test-node").get();
    assertThat(hotplugged.getStatus().cpusOnline()).isEqualTo(CpuSet.range(0, 6).toListString());
    assertThat(hotplugged.getStatus().cpusOffline()).isEqualTo("7");
    assertThat(client.resources(NodeTopology.class).list().getItems()).hasSize(1);
    assertThat(eventReasons()).containsExactlyInAnyOrder("TopologyDegraded", "CpuTopologyChanged");

    // The file is fixed: Degraded turns False, with one more Event.
    FixtureSysfs.put(root.resolve("sys/devices/system/node/node1/distance"), "21 10");
    assertThat(publisher.publish(new NodeReader(root).read())).isEqualTo(PublishOutcome.UPDATED);
    assertThat(byType(client.resources(NodeTopology.class).withName("test-node").get()))
        .extractingByKey("Degraded")
        .extracting(Condition::getStatus)
        .isEqualTo("False");
    assertThat(eventReasons())
        .containsExactlyInAnyOrder("TopologyDegraded", "CpuTopologyChanged", "TopologyRecovered");
  }

  private List<Event> events() {
    return client.v1().events().inNamespace("default").list().getItems();
  }

  private List<String> eventReasons() {
    return events().stream().map(Event::getReason).toList();
  }

  private static Map<String, Condition> byType(NodeTopology t) {
    return t.getStatus().conditions().stream()
        .collect(Collectors.toMap(Condition::getType, Function.identity()));
  }
}
