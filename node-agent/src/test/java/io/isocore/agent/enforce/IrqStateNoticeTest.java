package io.isocore.agent.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.isocore.agent.events.AgentEvents;
import io.isocore.agent.irq.IrqStateFile;
import io.isocore.kube.events.EventRecorder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** A set-aside IRQ state file becomes a Warning Event on the Node, naming both files. */
@EnableKubernetesMockClient(crud = true)
class IrqStateNoticeTest {

  KubernetesClient client;

  @Test
  void recordsAWarningEventOnTheNode() {
    EventRecorder events =
        AgentEvents.synchronous(
            client, "node-1", Clock.fixed(Instant.parse("2026-12-01T20:00:00Z"), ZoneOffset.UTC));
    Path file = Path.of("/var/lib/isocore/irq-affinity");

    IrqStateNotice.setAside(
        events,
        "node-1",
        new IrqStateFile.SetAside(
            file,
            file.resolveSibling("irq-affinity.corrupt-20261201T200000Z"),
            "line 3: 'zz' is not a CPU list"));

    Event event =
        client
            .v1()
            .events()
            .inNamespace(EventRecorder.CLUSTER_EVENTS_NAMESPACE)
            .list()
            .getItems()
            .getFirst();
    assertThat(event.getReason()).isEqualTo("IrqStateSetAside");
    assertThat(event.getType()).isEqualTo("Warning");
    assertThat(event.getInvolvedObject().getKind()).isEqualTo("Node");
    assertThat(event.getInvolvedObject().getName()).isEqualTo("node-1");
    assertThat(event.getMessage())
        .isEqualTo(
            "IRQ state file /var/lib/isocore/irq-affinity set aside as"
                + " irq-affinity.corrupt-20261201T200000Z: line 3: 'zz' is not a CPU list; IRQ"
                + " affinities it recorded are not restored automatically (see"
                + " docs/operations.md)");
  }
}
