package io.isocore.operator.app;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.isocore.operator.kube.ApiBinder;
import io.isocore.operator.kube.Binder;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The production {@link Binder}: the pods/binding subresource. Tests may replace the bean. */
final class BinderProducer {
  @Produces
  @Singleton
  Binder binder(KubernetesClient client) {
    return new ApiBinder(client);
  }
}
