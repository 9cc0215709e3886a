package io.isocore.operator.app;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.isocore.operator.kube.Binder;
import io.isocore.operator.testing.EmulatedApiServerBinder;
import io.quarkus.test.Mock;
import jakarta.inject.Singleton;

/**
 * In @QuarkusTest runs the mock API server cannot bind (see {@link EmulatedApiServerBinder}); this
 * replaces the production Binder bean with the emulation. Test scope only.
 */
@Mock
@Singleton
public class EmulatedBinderBean implements Binder {
  private final EmulatedApiServerBinder delegate;

  EmulatedBinderBean(KubernetesClient client) {
    this.delegate = new EmulatedApiServerBinder(client);
  }

  @Override
  public void bind(Pod pod, String nodeName) {
    delegate.bind(pod, nodeName);
  }
}
