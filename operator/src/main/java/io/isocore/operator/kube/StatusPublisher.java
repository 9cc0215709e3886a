package io.isocore.operator.kube;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;
import java.util.Objects;
import org.jboss.logging.Logger;

/** Writes a cluster-scoped custom resource's status, only when it differs from what it shows. */
public final class StatusPublisher {
  private static final Logger LOG = Logger.getLogger(StatusPublisher.class);
  private final KubernetesClient client;

  public StatusPublisher(KubernetesClient client) {
    this.client = client;
  }

  /** Returns true when the status changed and was written. */
  public <S> boolean publish(CustomResource<?, S> resource, S status) {
    if (Objects.equals(resource.getStatus(), status)) {
      return false;
    }
    try {
      client
          .resource(resource)
          .subresource("status")
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              Serialization.asJson(Map.of("status", status)));
      return true;
    } catch (KubernetesClientException e) {
      LOG.warnf(
          "could not write the status of %s %s: %s",
          resource.getKind(), resource.getMetadata().getName(), e.getMessage());
      return false;
    }
  }
}
