package io.isocore.operator.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.isocore.api.v1alpha1.CoreAllocation;
import io.isocore.core.pod.PodKey;
import java.util.List;

/** Writes and deletes CoreAllocation resources. */
public final class CoreAllocationWriter {
  private final KubernetesClient client;

  public CoreAllocationWriter(KubernetesClient client) {
    this.client = client;
  }

  /**
   * Creates the allocation, then sets status.phase Pending (the status subresource ignores status
   * on create). A 409 on create means another writer got there first: the caller rolls back.
   */
  public CoreAllocation create(CoreAllocation allocation) {
    CoreAllocation created =
        client
            .resources(CoreAllocation.class)
            .inNamespace(allocation.getMetadata().getNamespace())
            .resource(allocation)
            .create();
    String status =
        "{\"status\":{\"phase\":\"Pending\",\"observedGeneration\":"
            + (created.getMetadata().getGeneration() == null
                ? 1
                : created.getMetadata().getGeneration())
            + "}}";
    return client
        .resources(CoreAllocation.class)
        .inNamespace(allocation.getMetadata().getNamespace())
        .withName(allocation.getMetadata().getName())
        .subresource("status")
        .patch(PatchContext.of(PatchType.JSON_MERGE), status);
  }

  /** Deletes the pod's allocation; an already deleted one is fine. */
  public void delete(PodKey pod) {
    try {
      client
          .resources(CoreAllocation.class)
          .inNamespace(pod.namespace())
          .withName(pod.name())
          .delete();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }

  /** Lists every CoreAllocation straight from the API server (not an informer cache). */
  public List<CoreAllocation> listAll() {
    return client.resources(CoreAllocation.class).inAnyNamespace().list().getItems();
  }
}
