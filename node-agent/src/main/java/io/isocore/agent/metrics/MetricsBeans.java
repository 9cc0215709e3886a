package io.isocore.agent.metrics;

import io.micrometer.core.instrument.Clock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * One {@link PrometheusRegistry} for the whole agent: isocore's own series (Prometheus client 1.x,
 * native histograms) and Micrometer's JVM, process and HTTP meters (quarkus-micrometer binds them
 * to every MeterRegistry bean, and this one writes into the same registry).
 */
final class MetricsBeans {

  @Produces
  @Singleton
  PrometheusRegistry prometheusRegistry() {
    return new PrometheusRegistry();
  }

  @Produces
  @Singleton
  PrometheusMeterRegistry micrometer(PrometheusRegistry registry) {
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, registry, Clock.SYSTEM);
  }

  @Produces
  @DefaultBean
  @Singleton
  NodeCpuView emptyView() {
    return NodeCpuView.EMPTY;
  }
}
