package io.isocore.operator.testing;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.isocore.operator.kube.ApiBinder;
import io.isocore.operator.kube.Binder;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test harness only. The Fabric8 mock server in CRUD mode stores a Binding as a plain object and
 * leaves the pod alone. This binder makes the production {@link ApiBinder} call (the Binding is
 * created on the mock), then does what a real API server's binding storage does: refuses a pod that
 * is gone (404), replaced (UID precondition, 409) or already bound (409); sets spec.nodeName and
 * PodScheduled=True; and keeps no Binding object around.
 */
public final class EmulatedApiServerBinder implements Binder {
  private final KubernetesClient client;
  private final AtomicInteger failures = new AtomicInteger();
  private final AtomicInteger bindings = new AtomicInteger();

  public EmulatedApiServerBinder(KubernetesClient client) {
    this.client = client;
  }

  /** Makes the next {@code n} binds fail as an API server error (500) would. */
  public void failNext(int n) {
    failures.set(n);
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
    client
        .pods()
        .inNamespace(ns)
        .withName(name)
        .edit(
            p -> {
              p.getSpec().setNodeName(nodeName);
              var conditions =
                  new ArrayList<>(
                      p.getStatus() == null || p.getStatus().getConditions() == null
                          ? java.util.List.of()
                          : p.getStatus().getConditions());
              conditions.removeIf(c -> "PodScheduled".equals(c.getType()));
              conditions.add(
                  new PodConditionBuilder().withType("PodScheduled").withStatus("True").build());
              p.getStatus().setConditions(conditions);
              return p;
            });
    bindings.incrementAndGet();
  }
}
