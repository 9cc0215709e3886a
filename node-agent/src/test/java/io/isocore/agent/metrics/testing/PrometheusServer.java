package io.isocore.agent.metrics.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
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

/**
 * A real Prometheus server (the {@code prometheus} binary on the PATH, Debian's 2.42 in CI)
 * scraping one target every second, with native histograms on or off, and its HTTP query API.
 */
public final class PrometheusServer implements AutoCloseable {

  /** What a query answered: the result array, or the error Prometheus gave. */
  public record Answer(String status, JsonNode result, String error, String body) {
    /** Whether the query evaluated. */
    public boolean ok() {
      return status.equals("success");
    }

    /** Whether it returned at least one series (or a scalar). */
    public boolean hasData() {
      return ok() && result != null && (!result.isArray() || !result.isEmpty());
    }
  }

  private static final Duration DEADLINE = Duration.ofSeconds(60);

  private final Process process;
  private final Path log;
  private final String base;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  private PrometheusServer(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.base = "http://127.0.0.1:" + port;
  }

  /** The prometheus binary on the PATH, if any. */
  public static Optional<Path> binary() {
    for (String p : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(p, "prometheus");
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * Starts Prometheus in {@code dir} scraping {@code 127.0.0.1:targetPort/metrics} as {@code job}.
   *
   * @param labels extra target labels, as the chart's ServiceMonitor adds {@code node}
   */
  public static PrometheusServer start(
      Path binary,
      Path dir,
      int targetPort,
      String job,
      java.util.Map<String, String> labels,
      boolean nativeHistograms)
      throws IOException {
    Files.createDirectories(dir);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    StringBuilder config =
        new StringBuilder(
            """
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:
              - job_name: %s
                metrics_path: /metrics
                static_configs:
                  - targets: ["127.0.0.1:%d"]
            """
                .formatted(job, targetPort));
    if (!labels.isEmpty()) {
      config.append("        labels:\n");
      labels.forEach(
          (k, v) -> config.append("          ").append(k).append(": \"").append(v).append("\"\n"));
    }
    Path configFile = dir.resolve("prometheus.yml");
    Files.writeString(configFile, config);
    Path log = dir.resolve("prometheus.log");
    ProcessBuilder pb =
        new ProcessBuilder(
                binary.toString(),
                "--config.file=" + configFile,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    if (nativeHistograms) {
      pb.command().add("--enable-feature=native-histograms");
    }
    return new PrometheusServer(pb.start(), log, port);
  }

  /** Evaluates {@code expr} at the current time. */
  public Answer query(String expr) throws IOException, InterruptedException {
    return get("/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
  }

  /** The series matching {@code selector} over the last hour (Grafana's {@code label_values}). */
  public Answer series(String selector) throws IOException, InterruptedException {
    long now = System.currentTimeMillis() / 1000;
    return get(
        "/api/v1/series?match[]="
            + URLEncoder.encode(selector, StandardCharsets.UTF_8)
            + "&start="
            + (now - 3600)
            + "&end="
            + now);
  }

  private Answer get(String path) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode body;
    try {
      body = json.readTree(r.body());
    } catch (IOException e) {
      return new Answer("error", null, "HTTP " + r.statusCode() + ": " + r.body(), r.body());
    }
    JsonNode data = body.path("data");
    return new Answer(
        body.path("status").asText("error"),
        data.has("result") ? data.get("result") : data,
        body.path("error").asText(null),
        r.body());
  }

  /** Queries until the result is non-empty or 60 s pass; fails with Prometheus's log. */
  public JsonNode awaitResult(String expr) throws IOException, InterruptedException {
    long end = System.nanoTime() + DEADLINE.toNanos();
    String last = "";
    while (System.nanoTime() < end) {
      try {
        Answer a = query(expr);
        last = a.body();
        if (a.hasData()) {
          return a.result();
        }
      } catch (IOException e) {
        last = e.toString(); // not listening yet
      }
      Thread.sleep(500);
    }
    throw new AssertionError(
        "Prometheus returned nothing for "
            + expr
            + " within "
            + DEADLINE
            + "; last answer: "
            + last
            + "\nprometheus log:\n"
            + log());
  }

  /** Prometheus's own log. */
  public String log() throws IOException {
    return Files.exists(log) ? Files.readString(log) : "(none)";
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }
}
