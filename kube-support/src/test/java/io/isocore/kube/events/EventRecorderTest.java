package io.isocore.kube.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class EventRecorderTest {

  KubernetesClient client;

  enum Reason implements EventReason {
    Scheduled,
    FailedScheduling;

    @Override
    public String type() {
      return this == Scheduled ? "Normal" : "Warning";
    }
  }

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00.123Z"), ZoneOffset.UTC);

  static Pod pod() {
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace("trading")
        .withName("feed")
        .withUid("u1")
        .endMetadata()
        .build();
  }

  @Test
  void eventCarriesWhatKubectlDescribeShows() {
    EventRecorder recorder =
        new EventRecorder(client, "isocore-scheduler", "op-0", CLOCK, Runnable::run);
    recorder.record(pod(), Reason.FailedScheduling, "0/3 nodes are available");
    List<Event> events = client.v1().events().inNamespace("trading").list().getItems();
    assertThat(events).hasSize(1);
    Event e = events.getFirst();
    assertThat(e.getReason()).isEqualTo("FailedScheduling");
    assertThat(e.getType()).isEqualTo("Warning");
    assertThat(e.getMessage()).isEqualTo("0/3 nodes are available");
    assertThat(e.getInvolvedObject().getUid()).isEqualTo("u1");
    assertThat(e.getInvolvedObject().getNamespace()).isEqualTo("trading");
    assertThat(e.getSource().getComponent()).isEqualTo("isocore-scheduler");
    assertThat(e.getReportingComponent()).isEqualTo("isocore.io/isocore-scheduler");
    assertThat(e.getReportingInstance()).isEqualTo("op-0");
    assertThat(e.getFirstTimestamp()).isEqualTo("2026-12-01T10:00:00Z");
  }

  @Test
  void clusterScopedObjectsGetEventsInDefault() {
    Node node = new NodeBuilder().withNewMetadata().withName("n1").endMetadata().build();
    new EventRecorder(client, "isocore-node-agent", "n1", CLOCK, Runnable::run)
        .record(node, Reason.Scheduled, "hello");
    assertThat(client.v1().events().inNamespace("default").list().getItems()).hasSize(1);
  }

  @Test
  void namesAreUniqueWithinOneMillisecond() {
    EventRecorder recorder = new EventRecorder(client, "c", "i", CLOCK, Runnable::run);
    Set<String> names =
        IntStream.range(0, 100)
            .mapToObj(i -> recorder.event(pod(), Reason.Scheduled, "m").getMetadata().getName())
            .collect(Collectors.toSet());
    assertThat(names).hasSize(100);
  }

  @Test
  void aFailingApiServerNeverThrows() {
    EventRecorder recorder = new EventRecorder(client, "c", "i", CLOCK, Runnable::run);
    Pod bad = pod();
    bad.getMetadata().setNamespace("no such namespace!");
    recorder.record(bad, Reason.Scheduled, "m");
  }

  @Test
  void messagesAreCutToTheApiServersLimitInBytes() {
    String ascii = "x".repeat(2000);
    assertThat(EventRecorder.truncate(ascii)).hasSize(1024).endsWith("...");
    String wide = "é".repeat(1000); // two bytes each
    String cut = EventRecorder.truncate(wide);
    assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1024);
    assertThat(cut).endsWith("...").startsWith("éé");
    assertThat(EventRecorder.truncate("short")).isEqualTo("short");
  }
}
