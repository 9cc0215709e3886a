package io.isocore.operator.testing;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.isocore.operator.kube.ApiBinder;
import io.isocore.operator.kube.Binder;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test harness only: stands in for the API server's pods/binding storage, which the Fabric8 mock
 * server in CRUD mode does not implement (a POST to pods/{name}/binding is answered 409 as if it
 * created the pod again; a Binding object never sets spec.nodeName). It does what the real storage
 * does: refuses a pod that is gone (404), replaced (UID precondition, 409) or already bound (409);
 * sets spec.nodeName and PodScheduled=True. Production binds with {@link ApiBinder}, whose request
 * is checked on its own in {@code ApiBinderTest}.
 */
public final class EmulatedApiServerBinder implements Binder {
  private final KubernetesClient client;
  private final AtomicInteger failures = new AtomicInteger();
  private final AtomicInteger bindings = new AtomicInteger();
  private final AtomicInteger lostResponses = new AtomicInteger();

  public EmulatedApiServerBinder(KubernetesClient client) {
    this.client = client;
  }

  /** Makes the next {@code n} binds fail as an API server error (500) would. */
  public void failNext(int n) {
    failures.set(n);
  }

  /**
   * Makes the next {@code n} binds take effect and then fail as a lost answer would (a 504 from a
   * proxy, a connection reset after the API server applied the Binding).
   */
  public void loseNextResponses(int n) {
    lostResponses.set(n);
  }

  public int bindings() {
    return bindings.get();
  }

  @Override
  public void bind(Pod pod, String nodeName) {
    if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new KubernetesClientException(
          "injected failure: etcdserver: request timed out", 500, null);
    }
    String ns = pod.getMetadata().getNamespace();
    String name = pod.getMetadata().getName();
    Pod current = client.pods().inNamespace(ns).withName(name).get();
    if (current == null) {
      throw new KubernetesClientException("pods \"" + name + "\" not found", 404, null);
    }
    if (!current.getMetadata().getUid().equals(pod.getMetadata().getUid())) {
      throw new KubernetesClientException(
          "Precondition failed: UID in precondition: " + pod.getMetadata().getUid(), 409, null);
    }
    if (current.getSpec().getNodeName() != null && !current.getSpec().getNodeName().isEmpty()) {
      throw new KubernetesClientException(
          "Operation cannot be fulfilled on pods/binding \""
              + name
              + "\": pod "
              + name
              + " is already assigned to node \""
              + current.getSpec().getNodeName()
              + "\"",
          409,
          null);
    }
    // One merge patch, as the binding storage's single update: node and PodScheduled=True.
    String now =
        java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    client
        .pods()
        .inNamespace(ns)
        .withName(name)
        .patch(
            io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
            "{\"spec\":{\"nodeName\":\""
                + nodeName
                + "\"},\"status\":{\"conditions\":[{\"type\":\"PodScheduled\",\"status\":\"True\",\"lastTransitionTime\":\""
                + now
                + "\"}]}}");
    bindings.incrementAndGet();
    if (lostResponses.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new KubernetesClientException(
          "injected: answer lost after the Binding applied", 504, null);
    }
  }
}
