package io.isocore.operator.metrics;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Serves {@code GET /metrics} on the operator's HTTP port, negotiating the format per scrape. */
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
