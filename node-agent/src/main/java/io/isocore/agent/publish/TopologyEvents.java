package io.isocore.agent.publish;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.isocore.api.v1alpha1.NodeTopology;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * Records Events about a NodeTopology. A cluster-scoped object's Events live in {@code default}.
 * Failing to record an Event is logged and never fails a publication.
 */
@ApplicationScoped
public class TopologyEvents {

  /** Namespace of Events about cluster-scoped objects. */
  public static final String NAMESPACE = "default";

  private static final Logger LOG = Logger.getLogger(TopologyEvents.class);

  private final KubernetesClient client;

  /** Creates the recorder. */
  public TopologyEvents(KubernetesClient client) {
    this.client = client;
  }

  /** Records one Event about {@code target}. */
  public void record(NodeTopology target, TopologyEventReason reason, String message, Instant now) {
    String name = target.getMetadata().getName();
    String time = now.toString();
    Event event =
        new EventBuilder()
            .withNewMetadata()
            .withName(
                name
                    + "."
                    + Long.toHexString(now.toEpochMilli())
                    + "."
                    + reason.name().toLowerCase(Locale.ROOT))
            .withNamespace(NAMESPACE)
            .endMetadata()
            .withInvolvedObject(
                new ObjectReferenceBuilder()
                    .withApiVersion(target.getApiVersion())
                    .withKind(target.getKind())
                    .withName(name)
                    .withUid(target.getMetadata().getUid())
                    .build())
            .withReason(reason.name())
            .withType(reason.type())
            .withMessage(message.length() > 1000 ? message.substring(0, 1000) : message)
            .withNewSource()
            .withComponent("isocore-node-agent")
            .withHost(name)
            .endSource()
            .withFirstTimestamp(time)
            .withLastTimestamp(time)
            .withCount(1)
            .build();
    try {
      client.v1().events().inNamespace(NAMESPACE).resource(event).create();
    } catch (RuntimeException e) {
      LOG.warnf("could not record Event %s for NodeTopology %s: %s", reason, name, e.toString());
    }
  }
}
