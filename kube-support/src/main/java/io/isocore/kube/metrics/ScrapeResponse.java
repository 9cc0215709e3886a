package io.isocore.kube.metrics;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Renders a registry in the format the scraper asks for: Prometheus protobuf when the Accept header
 * names it (the only format that carries native histograms), OpenMetrics text when asked,
 * Prometheus text 0.0.4 otherwise. Text formats carry the classic buckets.
 *
 * @param contentType the Content-Type to answer with
 * @param body the encoded metrics
 */
public record ScrapeResponse(String contentType, byte[] body) {

  private static final ExpositionFormats FORMATS = ExpositionFormats.init();

  /** Scrapes {@code registry} and encodes it for {@code acceptHeader} (null: text). */
  public static ScrapeResponse render(PrometheusRegistry registry, String acceptHeader) {
    ExpositionFormatWriter writer = FORMATS.findWriter(acceptHeader);
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
    try {
      writer.write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode metrics", e);
    }
    return new ScrapeResponse(writer.getContentType(), out.toByteArray());
  }
}
