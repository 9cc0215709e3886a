package io.isocore.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.isocore.agent.probe.ProbeResults;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus server (Debian's {@code prometheus}, native histograms enabled) scrapes the
 * running agent's /metrics; its query API must then return the jitter series as a native histogram.
 * Skipped, with the reason printed, when no prometheus binary is on the PATH.
 */
@QuarkusTest
@TestProfile(MetricsTestProfile.class)
class PrometheusScrapeIT {

  private static final Duration DEADLINE = Duration.ofSeconds(60);

  @TestHTTPResource("/metrics")
  URL metrics;

  @Inject JitterMetrics jitter;
  @Inject ProbeResults results;

  @TempDir Path dir;

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  private static Optional<Path> prometheusBinary() {
    for (String p : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(p, "prometheus");
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  @Test
  void prometheusIngestsTheNativeHistogram() throws Exception {
    Optional<Path> binary = prometheusBinary();
    if (binary.isEmpty()) {
      System.out.println(
          "PrometheusScrapeIT skipped: no prometheus binary on PATH (apt-get install prometheus)");
    }
    Assumptions.assumeTrue(binary.isPresent(), "no prometheus binary on PATH");
    ProbeFixture.feedOnce(jitter, results);

    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(
        config,
        """
        global:
          scrape_interval: 1s
          scrape_timeout: 1s
        scrape_configs:
          - job_name: isocore-node-agent
            metrics_path: /metrics
            static_configs:
              - targets: ["127.0.0.1:%d"]
        """
            .formatted(metrics.getPort()));
    Path log = dir.resolve("prometheus.log");
    Process prometheus =
        new ProcessBuilder(
                binary.get().toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--enable-feature=native-histograms")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      String base = "http://127.0.0.1:" + port;
      JsonNode native_ = awaitResult(base, "isocore_cpu_jitter_seconds{cpu=\"3\"}", log);
      assertThat(native_.get(0).has("histogram"))
          .as("a native histogram sample, not a float: %s", native_)
          .isTrue();
      JsonNode count =
          awaitResult(base, "histogram_count(isocore_cpu_jitter_seconds{cpu=\"3\"})", log);
      assertThat(count.get(0).get("value").get(1).asText()).isEqualTo("4");
      JsonNode interrupts =
          awaitResult(base, "isocore_cpu_interrupts_total{cpu=\"2\",type=\"LOC\"}", log);
      assertThat(interrupts.get(0).get("value").get(1).asText()).isEqualTo("5000");
      JsonNode up = awaitResult(base, "up{job=\"isocore-node-agent\"}", log);
      assertThat(up.get(0).get("value").get(1).asText()).isEqualTo("1");
    } finally {
      prometheus.destroy();
      if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
        prometheus.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
  }

  /** Queries until the result vector is non-empty or the deadline passes. */
  private JsonNode awaitResult(String base, String query, Path log) throws Exception {
    long end = System.nanoTime() + DEADLINE.toNanos();
    String last = "";
    while (System.nanoTime() < end) {
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(
                        URI.create(
                            base
                                + "/api/v1/query?query="
                                + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        last = r.body();
        if (r.statusCode() == 200) {
          JsonNode result = json.readTree(r.body()).path("data").path("result");
          if (result.isArray() && !result.isEmpty()) {
            return result;
          }
        }
      } catch (java.io.IOException e) {
        last = e.toString(); // not listening yet
      }
      Thread.sleep(500);
    }
    throw new AssertionError(
        "Prometheus returned nothing for "
            + query
            + " within "
            + DEADLINE
            + "; last answer: "
            + last
            + "\nprometheus log:\n"
            + (Files.exists(log) ? Files.readString(log) : "(none)"));
  }
}
