package io.isocore.operator.kube;

import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;

/**
 * Binds through the pods/binding subresource, as the kube-scheduler does (POST
 * /api/v1/namespaces/{ns}/pods/{name}/binding; RBAC: create on pods/binding): the API server sets
 * spec.nodeName, and refuses a pod that is already bound (409) or whose UID changed (precondition,
 * 409). The Binding carries {@link BindingAnnotations}, which the API server copies onto the pod.
 */
public final class ApiBinder implements Binder {
  private final KubernetesClient client;

  public ApiBinder(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public void bind(Pod pod, String nodeName) {
    bind(pod, nodeName, Map.of());
  }

  @Override
  public void bind(Pod pod, String nodeName, Map<String, String> annotations) {
    Binding binding =
        new BindingBuilder()
            .withNewMetadata()
            .withNamespace(pod.getMetadata().getNamespace())
            .withName(pod.getMetadata().getName())
            .withUid(pod.getMetadata().getUid())
            .withAnnotations(annotations.isEmpty() ? null : annotations)
            .endMetadata()
            .withNewTarget()
            .withApiVersion("v1")
            .withKind("Node")
            .withName(nodeName)
            .endTarget()
            .build();
    String url =
        client.getMasterUrl().toString().replaceAll("/+$", "")
            + "/api/v1/namespaces/"
            + pod.getMetadata().getNamespace()
            + "/pods/"
            + pod.getMetadata().getName()
            + "/binding";
    // raw() throws KubernetesClientException with the status code on errors other than 404.
    if (client.raw(url, "POST", binding) == null) {
      throw new KubernetesClientException(
          "pods \"" + pod.getMetadata().getName() + "\" not found", 404, null);
    }
  }
}
