package io.isocore.kube.metrics;

import io.micrometer.core.instrument.Clock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * One {@link PrometheusRegistry} per application: isocore's own series (Prometheus client 1.x,
 * native histograms) and Micrometer's JVM, process and HTTP meters, which quarkus-micrometer binds
 * to every MeterRegistry bean; this one writes into the same registry, served by {@link
 * MetricsRoute}.
 */
@Singleton
public class MetricsRegistries {

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
