package io.isocore.operator.kube;

import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Binds through the real Binding API (POST /api/v1/namespaces/{ns}/bindings, served by the same
 * storage as the pods/binding subresource): the API server sets spec.nodeName, and refuses a pod
 * that is already bound (409) or whose UID changed (precondition).
 */
public final class ApiBinder implements Binder {
  private final KubernetesClient client;

  public ApiBinder(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public void bind(Pod pod, String nodeName) {
    Binding binding =
        new BindingBuilder()
            .withNewMetadata()
            .withNamespace(pod.getMetadata().getNamespace())
            .withName(pod.getMetadata().getName())
            .withUid(pod.getMetadata().getUid())
            .endMetadata()
            .withNewTarget()
            .withApiVersion("v1")
            .withKind("Node")
            .withName(nodeName)
            .endTarget()
            .build();
    client.bindings().inNamespace(pod.getMetadata().getNamespace()).resource(binding).create();
  }
}
