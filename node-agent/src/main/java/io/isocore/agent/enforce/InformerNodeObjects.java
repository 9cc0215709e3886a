package io.isocore.agent.enforce;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.isocore.api.v1alpha1.CoreAllocation;
import java.util.List;
import java.util.Optional;

/**
 * Informer caches of this node's CoreAllocations and pods, both watched with the field selector
 * {@code spec.nodeName=<node>} so the agent never lists the cluster. Pods support that selector
 * natively; for CoreAllocations the CRD must declare {@code spec.nodeName} as a selectable field
 * (Kubernetes 1.32+). Every change calls {@code onChange}.
 */
public final class InformerNodeObjects implements NodeObjects, AutoCloseable {

  private final SharedIndexInformer<CoreAllocation> allocations;
  private final SharedIndexInformer<Pod> pods;

  /** Starts both informers. */
  public InformerNodeObjects(KubernetesClient client, String nodeName, Runnable onChange) {
    ResourceEventHandler<Object> handler =
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(Object obj) {
            onChange.run();
          }

          @Override
          public void onUpdate(Object oldObj, Object newObj) {
            onChange.run();
          }

          @Override
          public void onDelete(Object obj, boolean deletedFinalStateUnknown) {
            onChange.run();
          }
        };
    this.allocations =
        client
            .resources(CoreAllocation.class)
            .inAnyNamespace()
            .withField("spec.nodeName", nodeName)
            .inform(cast(handler));
    this.pods =
        client.pods().inAnyNamespace().withField("spec.nodeName", nodeName).inform(cast(handler));
  }

  @SuppressWarnings("unchecked")
  private static <T> ResourceEventHandler<T> cast(ResourceEventHandler<Object> handler) {
    return (ResourceEventHandler<T>) (ResourceEventHandler<?>) handler;
  }

  @Override
  public List<CoreAllocation> allocations() {
    return allocations.getStore().list();
  }

  @Override
  public Optional<Pod> pod(String namespace, String name) {
    return Optional.ofNullable(pods.getStore().getByKey(namespace + "/" + name));
  }

  /** Returns the cached pods of this node. */
  public List<Pod> pods() {
    return pods.getStore().list();
  }

  @Override
  public void close() {
    allocations.close();
    pods.close();
  }
}
