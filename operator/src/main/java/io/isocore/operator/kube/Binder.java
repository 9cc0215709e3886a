package io.isocore.operator.kube;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.Map;

/** Binds a pod to a node. Production uses {@link ApiBinder}; test harnesses may wrap it. */
public interface Binder {
  /**
   * @throws io.fabric8.kubernetes.client.KubernetesClientException when the API server refuses
   */
  void bind(Pod pod, String nodeName);

  /**
   * Binds with annotations on the Binding, which the API server copies onto the pod ({@link
   * BindingAnnotations}). Harnesses that do not emulate that bind without them.
   *
   * @throws io.fabric8.kubernetes.client.KubernetesClientException when the API server refuses
   */
  default void bind(Pod pod, String nodeName, Map<String, String> annotations) {
    bind(pod, nodeName);
  }
}
