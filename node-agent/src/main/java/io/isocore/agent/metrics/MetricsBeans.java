package io.isocore.agent.metrics;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The agent's metric beans beyond the shared registry (kube-support's {@code MetricsRegistries}):
 * an empty CPU view until enforcement provides one.
 */
final class MetricsBeans {

  @Produces
  @DefaultBean
  @Singleton
  NodeCpuView emptyView() {
    return NodeCpuView.EMPTY;
  }
}
