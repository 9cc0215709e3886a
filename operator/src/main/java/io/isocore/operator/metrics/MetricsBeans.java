package io.isocore.operator.metrics;

import io.micrometer.core.instrument.Clock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * One {@link PrometheusRegistry} for the operator: isocore's series (Prometheus client 1.x) and
 * Micrometer's JVM, process and HTTP meters, which quarkus-micrometer binds to this registry.
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
}
