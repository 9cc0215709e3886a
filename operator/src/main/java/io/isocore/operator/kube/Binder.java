package io.isocore.operator.kube;

import io.fabric8.kubernetes.api.model.Pod;

/** Binds a pod to a node. Production uses {@link ApiBinder}; test harnesses may wrap it. */
public interface Binder {
  /**
   * @throws io.fabric8.kubernetes.client.KubernetesClientException when the API server refuses
   */
  void bind(Pod pod, String nodeName);
}
