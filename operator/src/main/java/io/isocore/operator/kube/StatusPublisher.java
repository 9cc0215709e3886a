package io.isocore.operator.kube;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.isocore.kube.api.ApiFailure;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jboss.logging.Logger;

/** Writes a cluster-scoped custom resource's status, only when it differs from what it shows. */
public final class StatusPublisher {
  private static final Logger LOG = Logger.getLogger(StatusPublisher.class);
  private final KubernetesClient client;
  // What was written per object UID, and the resourceVersion the cache showed then: until the
  // cache moves past that version, it lags our own write, and writing again would only repeat it.
  private final Map<String, Written> written = new java.util.concurrent.ConcurrentHashMap<>();

  private record Written(Object status, String seenVersion) {}

  public StatusPublisher(KubernetesClient client) {
    this.client = client;
  }

  /** Returns true when the status changed and was written. */
  public <S> boolean publish(CustomResource<?, S> resource, S status) {
    String uid = resource.getMetadata().getUid();
    String version = resource.getMetadata().getResourceVersion();
    if (Objects.equals(resource.getStatus(), status)) {
      if (uid != null) {
        written.remove(uid);
      }
      return false;
    }
    Written last = uid == null ? null : written.get(uid);
    if (last != null
        && Objects.equals(last.status(), status)
        && Objects.equals(last.seenVersion(), version)) {
      return false;
    }
    try {
      // A JSON Patch that sets the whole status: the operator owns it, and unlike a merge patch
      // it drops fields that became empty (a merge patch keeps what it omits). The Fabric8 mock
      // also appends arrays on a merge patch, so tests saw conditions pile up that a real API
      // server would have replaced.
      client
          .resource(resource)
          .subresource("status")
          .patch(
              PatchContext.of(PatchType.JSON),
              Serialization.asJson(
                  List.of(Map.of("op", "add", "path", "/status", "value", status))));
      if (uid != null) {
        written.put(uid, new Written(status, version));
      }
      return true;
    } catch (KubernetesClientException e) {
      LOG.warnf(
          "could not write the status of %s %s: %s",
          resource.getKind(), resource.getMetadata().getName(), ApiFailure.describe(e));
      return false;
    }
  }
}
