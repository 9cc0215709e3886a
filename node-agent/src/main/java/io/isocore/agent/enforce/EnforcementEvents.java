package io.isocore.agent.enforce;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.isocore.api.v1alpha1.CoreAllocation;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.logging.Logger;

/** The one recorder of enforcement Events (core/v1), on the CoreAllocation concerned. */
public final class EnforcementEvents {

  private static final Logger LOG = Logger.getLogger(EnforcementEvents.class.getName());

  private final KubernetesClient client;
  private final String nodeName;
  private final Clock clock;

  /** Creates a recorder that names {@code nodeName} as the reporting instance. */
  public EnforcementEvents(KubernetesClient client, String nodeName, Clock clock) {
    this.client = client;
    this.nodeName = nodeName;
    this.clock = clock;
  }

  /** Records an Event; a failure to record is logged, never thrown (events are best effort). */
  public void record(CoreAllocation allocation, EnforcementEventReason reason, String message) {
    String now = Instant.now(clock).toString();
    String ns = allocation.getMetadata().getNamespace();
    try {
      client
          .v1()
          .events()
          .inNamespace(ns)
          .resource(
              new EventBuilder()
                  .withNewMetadata()
                  .withName(
                      allocation.getMetadata().getName()
                          + "."
                          + reason.name().toLowerCase(Locale.ROOT)
                          + "."
                          + UUID.randomUUID().toString().substring(0, 8))
                  .withNamespace(ns)
                  .endMetadata()
                  .withInvolvedObject(
                      new ObjectReferenceBuilder()
                          .withApiVersion(allocation.getApiVersion())
                          .withKind(allocation.getKind())
                          .withName(allocation.getMetadata().getName())
                          .withNamespace(ns)
                          .withUid(allocation.getMetadata().getUid())
                          .build())
                  .withReason(reason.name())
                  .withType(reason.type())
                  .withMessage(message.length() > 1024 ? message.substring(0, 1024) : message)
                  .withNewSource()
                  .withComponent("isocore-node-agent")
                  .withHost(nodeName)
                  .endSource()
                  .withReportingComponent("isocore.io/node-agent")
                  .withReportingInstance(nodeName)
                  .withFirstTimestamp(now)
                  .withLastTimestamp(now)
                  .withCount(1)
                  .build())
          .create();
    } catch (KubernetesClientException e) {
      LOG.warning(
          "could not record event "
              + reason
              + " on "
              + ns
              + "/"
              + allocation.getMetadata().getName()
              + ": "
              + e.getMessage());
    }
  }
}
