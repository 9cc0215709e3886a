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
   * Creates the allocation (one write: the status subresource ignores status on create, so phase
   * Pending is set apart, off the commit's hot path, by {@link #markPending}). A 409 means an
   * allocation of that name exists: the caller reads it to learn whose it is.
   */
  public CoreAllocation create(CoreAllocation allocation) {
    return client
        .resources(CoreAllocation.class)
        .inNamespace(allocation.getMetadata().getNamespace())
        .resource(allocation)
        .create();
  }

  /**
   * Sets status.phase Pending on the allocation as created. The patch carries the created
   * resourceVersion, so it is refused (409, ignored here) once the agent has written a status.
   */
  public void markPending(CoreAllocation created) {
    String status =
        "{\"metadata\":{\"resourceVersion\":\""
            + created.getMetadata().getResourceVersion()
            + "\"},\"status\":{\"phase\":\"Pending\",\"observedGeneration\":"
            + (created.getMetadata().getGeneration() == null
                ? 1
                : created.getMetadata().getGeneration())
            + "}}";
    try {
      client
          .resources(CoreAllocation.class)
          .inNamespace(created.getMetadata().getNamespace())
          .withName(created.getMetadata().getName())
          .subresource("status")
          .patch(PatchContext.of(PatchType.JSON_MERGE), status);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409 && e.getCode() != 404) {
        throw e;
      }
    }
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

  /**
   * Reads the pod's allocation from the API server (not a cache); empty when there is none.
   *
   * @throws KubernetesClientException when the API server does not answer
   */
  public java.util.Optional<CoreAllocation> get(PodKey pod) {
    return java.util.Optional.ofNullable(
        client
            .resources(CoreAllocation.class)
            .inNamespace(pod.namespace())
            .withName(pod.name())
            .get());
  }

  /**
   * Sets or clears the allocation's spec.ticketTransfer (a JSON merge patch of that field alone).
   *
   * @return false when the allocation is gone (404)
   */
  public boolean setTransfer(PodKey pod, io.isocore.api.v1alpha1.TicketTransfer transfer) {
    java.util.Map<String, Object> spec = new java.util.HashMap<>();
    spec.put("ticketTransfer", transfer);
    try {
      client
          .resources(CoreAllocation.class)
          .inNamespace(pod.namespace())
          .withName(pod.name())
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              io.fabric8.kubernetes.client.utils.Serialization.asJson(
                  java.util.Map.of("spec", spec)));
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  /** Lists every CoreAllocation straight from the API server (not an informer cache). */
  public List<CoreAllocation> listAll() {
    return client.resources(CoreAllocation.class).inAnyNamespace().list().getItems();
  }
}
