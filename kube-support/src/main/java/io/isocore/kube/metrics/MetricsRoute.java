package io.isocore.kube.metrics;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Serves {@code GET /metrics} on the application's HTTP port, negotiating the format per scrape.
 * Each application produces the {@link PrometheusRegistry} bean it registers its series in.
 */
@ApplicationScoped
public class MetricsRoute {

  private final PrometheusRegistry registry;

  MetricsRoute(PrometheusRegistry registry) {
    this.registry = registry;
  }

  void register(@Observes Router router) {
    router
        .get("/metrics")
        .blockingHandler(
            ctx -> {
              ScrapeResponse r = ScrapeResponse.render(registry, ctx.request().getHeader("Accept"));
              ctx.response()
                  .putHeader("Content-Type", r.contentType())
                  .end(Buffer.buffer(r.body()));
            },
            false);
  }
}
