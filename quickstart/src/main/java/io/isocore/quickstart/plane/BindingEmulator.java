package io.isocore.quickstart.plane;

import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Does what a real API server's binding storage does, which the mock server does not: a created
 * Binding sets the pod's spec.nodeName and PodScheduled=True, unless the pod is gone or already
 * bound; the Binding itself is not kept. The operator uses the real Binding API unchanged; only
 * this embedded control plane emulates the server side.
 */
final class BindingEmulator implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(BindingEmulator.class.getName());

  private final KubernetesClient client;
  private final ScheduledExecutorService loop =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "binding-emulator");
            t.setDaemon(true);
            return t;
          });

  BindingEmulator(KubernetesClient client) {
    this.client = client;
  }

  void start() {
    loop.scheduleWithFixedDelay(this::applyPending, 0, 20, TimeUnit.MILLISECONDS);
  }

  private void applyPending() {
    try {
      for (Binding binding : client.bindings().inAnyNamespace().list().getItems()) {
        apply(binding);
        client
            .bindings()
            .inNamespace(binding.getMetadata().getNamespace())
            .resource(binding)
            .delete();
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "binding emulation failed", e);
    }
  }

  private void apply(Binding binding) {
    String namespace = binding.getMetadata().getNamespace();
    String name = binding.getMetadata().getName();
    Pod pod = client.pods().inNamespace(namespace).withName(name).get();
    // The mock gives the stored Binding a UID of its own, so the UID precondition a real API
    // server checks cannot be emulated here; a gone or already bound pod is still refused.
    if (pod == null || pod.getSpec().getNodeName() != null) {
      LOG.warning("binding of " + namespace + "/" + name + " refused: pod gone or already bound");
      return;
    }
    pod.getSpec().setNodeName(binding.getTarget().getName());
    client.pods().inNamespace(namespace).resource(pod).update();
    Pod bound = client.pods().inNamespace(namespace).withName(name).get();
    List<PodCondition> conditions = new ArrayList<>();
    if (bound.getStatus() != null && bound.getStatus().getConditions() != null) {
      bound.getStatus().getConditions().stream()
          .filter(c -> !"PodScheduled".equals(c.getType()))
          .forEach(conditions::add);
    }
    conditions.add(
        new PodConditionBuilder()
            .withType("PodScheduled")
            .withStatus("True")
            .withLastTransitionTime(Instant.now().toString())
            .build());
    if (bound.getStatus() == null) {
      bound.setStatus(new io.fabric8.kubernetes.api.model.PodStatus());
    }
    bound.getStatus().setConditions(conditions);
    client.pods().inNamespace(namespace).resource(bound).updateStatus();
  }

  @Override
  public void close() {
    loop.shutdownNow();
  }
}
