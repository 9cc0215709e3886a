package io.isocore.operator.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.isocore.api.v1alpha1.CoreAllocation;
import io.isocore.api.v1alpha1.TicketTransfer;
import io.isocore.operator.kube.PodConditionPublisher;
import io.isocore.operator.testing.ClusterFixtures;
import io.isocore.operator.testing.MockCluster;
import io.isocore.operator.testing.SchedulerHarness;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A ticket transfer follows its pod's annotation while both pods live, and is refused (not written,
 * an Event on the pod) when it cannot take effect.
 */
@EnableKubernetesMockClient(crud = true)
class TransfersIT {
  static final Duration TIMEOUT = Duration.ofSeconds(20);
  KubernetesClient client;

  private Pod pod(String name, String node, String transferTo) {
    PodBuilder builder =
        new PodBuilder(ClusterFixtures.latencyPod("md", name, 2))
            .editSpec()
            .withNodeSelector(Map.of("kubernetes.io/hostname", node))
            .endSpec();
    if (transferTo != null) {
      builder.editMetadata().addToAnnotations(TransferPlanner.ANNOTATION, transferTo).endMetadata();
    }
    return builder.build();
  }

  private TicketTransfer transferOf(String name) {
    CoreAllocation a =
        client.resources(CoreAllocation.class).inNamespace("md").withName(name).get();
    return a == null ? null : a.getSpec().ticketTransfer();
  }

  private boolean hasEvent(String pod, String reason, String text) {
    return client.v1().events().inNamespace("md").list().getItems().stream()
        .anyMatch(
            e ->
                pod.equals(e.getInvolvedObject().getName())
                    && reason.equals(e.getReason())
                    && e.getMessage().contains(text));
  }

  /** The lender's transfer condition as the API shows it: "status reason message", or null. */
  private String transferCondition(String pod) {
    return PodConditionPublisher.condition(
            client.pods().inNamespace("md").withName(pod).get(),
            PodConditionPublisher.TICKET_TRANSFER)
        .map(c -> c.getStatus() + " " + c.getReason() + " " + c.getMessage())
        .orElse(null);
  }

  @Test
  void aTransferFollowsItsAnnotationAndIsRefusedAcrossNodes() throws Exception {
    MockCluster.standard(client, 2);
    client.resource(ClusterFixtures.tenant("feeds", 200, "md")).create();
    try (SchedulerHarness harness = new SchedulerHarness(client, "t").startLeading()) {
      client.resource(pod("packets", "n0", null)).create();
      client.resource(pod("far", "n1", null)).create();
      client.resource(pod("feed", "n0", "far")).create();
      // The kubelet's own condition on the lender: the operator's writes must leave it alone.
      client
          .pods()
          .inNamespace("md")
          .withName("feed")
          .subresource("status")
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              "{\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}]}}");
      harness.cycleUntil(
          () ->
              client.resources(CoreAllocation.class).inNamespace("md").list().getItems().size() == 3
                  && hasEvent("feed", "TransferRefused", "runs on node n1"),
          TIMEOUT,
          "three allocations and the cross-node transfer refused");
      assertThat(transferOf("feed")).as("a refused transfer is not written").isNull();
      harness.cycleUntil(
          () -> transferCondition("feed") != null,
          TIMEOUT,
          "the refused transfer's condition on the lender");
      assertThat(transferCondition("feed"))
          .startsWith("False TransferRefused " + TransferPlanner.ANNOTATION + " md/far: ")
          .contains("runs on node n1");
      assertThat(transferCondition("packets")).as("no annotation, no condition").isNull();

      client
          .pods()
          .inNamespace("md")
          .withName("feed")
          .edit(
              p ->
                  new PodBuilder(p)
                      .editMetadata()
                      .addToAnnotations(TransferPlanner.ANNOTATION, "packets")
                      .endMetadata()
                      .build());
      harness.cycleUntil(
          () -> new TicketTransfer("md", "packets", 200).equals(transferOf("feed")),
          TIMEOUT,
          "the changed annotation reaches the CoreAllocation");
      assertThat(hasEvent("feed", "TransferUpdated", "lends 200 tickets to md/packets")).isTrue();
      harness.cycleUntil(
          () -> transferCondition("feed").startsWith("True"),
          TIMEOUT,
          "the lender's condition turns True");
      assertThat(transferCondition("feed"))
          .isEqualTo("True Lending lends 200 tickets to md/packets");

      client.pods().inNamespace("md").withName("packets").delete();
      harness.cycleUntil(
          () -> transferOf("feed") == null && transferOf("packets") == null,
          TIMEOUT,
          "the transfer ends with its target");
      assertThat(hasEvent("feed", "TransferRefused", "holds no isolated cores")).isTrue();
      harness.cycleUntil(
          () -> transferCondition("feed").contains("holds no isolated cores"),
          TIMEOUT,
          "the lender's condition says why its tickets are no longer lent");
      assertThat(transferCondition("feed")).startsWith("False TransferRefused");

      client
          .pods()
          .inNamespace("md")
          .withName("feed")
          .edit(
              p ->
                  new PodBuilder(p)
                      .editMetadata()
                      .removeFromAnnotations(TransferPlanner.ANNOTATION)
                      .endMetadata()
                      .build());
      harness.cycleUntil(
          () -> transferCondition("feed").startsWith("False NoTransfer"),
          TIMEOUT,
          "the annotation removed: the condition says so");
      assertThat(
              PodConditionPublisher.condition(
                  client.pods().inNamespace("md").withName("feed").get(), "Ready"))
          .as("the kubelet's condition survives every transfer condition write")
          .hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True"));
    }
  }
}
