package io.isocore.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.isocore.agent.metrics.testing.ChartExpressions;
import io.isocore.agent.metrics.testing.PrometheusServer;
import io.isocore.agent.probe.ProbeResults;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus server (Debian's {@code prometheus}, 2.42 in CI) scrapes the running agent's
 * /metrics: the jitter series arrive as a native histogram when native histograms are on, and every
 * expression the chart ships (dashboard panels and alert rules) evaluates against the live series
 * with native histograms on and with them off ({@link ChartQueryCheck}). Skipped, with the reason
 * printed, when no prometheus binary is on the PATH.
 */
@QuarkusTest
@TestProfile(MetricsTestProfile.class)
class PrometheusScrapeIT {

  /** The job name the chart's ServiceMonitor gives the agent (the alert rules select it). */
  static final String CHART_AGENT_JOB = "isocore-agent-metrics";

  /** The node label the chart's ServiceMonitor adds. */
  static final String NODE = "it-node";

  @TestHTTPResource("/metrics")
  URL metrics;

  @Inject JitterMetrics jitter;
  @Inject ProbeResults results;
  @Inject io.isocore.agent.noise.NoiseTelemetry noise;

  @TempDir Path dir;

  private static Path prometheus() {
    Optional<Path> binary = PrometheusServer.binary();
    if (binary.isEmpty()) {
      System.out.println(
          "PrometheusScrapeIT skipped: no prometheus binary on PATH (apt-get install prometheus)");
    }
    Assumptions.assumeTrue(binary.isPresent(), "no prometheus binary on PATH");
    return binary.get();
  }

  @Test
  void prometheusIngestsTheNativeHistogram() throws Exception {
    Path binary = prometheus();
    ProbeFixture.feedOnce(jitter, results);
    try (PrometheusServer p =
        PrometheusServer.start(
            binary, dir, metrics.getPort(), "isocore-node-agent", Map.of(), true)) {
      JsonNode native_ = p.awaitResult("isocore_cpu_jitter_seconds{cpu=\"3\"}");
      assertThat(native_.get(0).has("histogram"))
          .as("a native histogram sample, not a float: %s", native_)
          .isTrue();
      JsonNode count = p.awaitResult("histogram_count(isocore_cpu_jitter_seconds{cpu=\"3\"})");
      assertThat(count.get(0).get("value").get(1).asText()).isEqualTo("4");
      JsonNode interrupts = p.awaitResult("isocore_cpu_interrupts_total{cpu=\"2\",type=\"LOC\"}");
      assertThat(interrupts.get(0).get("value").get(1).asText()).isEqualTo("5000");
      JsonNode up = p.awaitResult("up{job=\"isocore-node-agent\"}");
      assertThat(up.get(0).get("value").get(1).asText()).isEqualTo("1");
    }
  }

  @Test
  void everyChartExpressionWorksWithNativeHistograms() throws Exception {
    checkEveryChartExpression(true);
  }

  @Test
  void everyChartExpressionWorksWithClassicBuckets() throws Exception {
    checkEveryChartExpression(false);
  }

  private void checkEveryChartExpression(boolean nativeHistograms) throws Exception {
    Path binary = prometheus();
    ProbeFixture.feedOnce(jitter, results);
    NoiseFixture.feedOnce(noise); // the noise-by-source panel reads the attribution counters
    ChartExpressions chart = ChartExpressions.load(repositoryRoot());
    try (PrometheusServer p =
        PrometheusServer.start(
            binary,
            dir.resolve(nativeHistograms ? "native" : "classic"),
            metrics.getPort(),
            CHART_AGENT_JOB,
            Map.of("node", NODE),
            nativeHistograms)) {
      // rate() over the dashboard's 1m and the alerts' 5m windows needs two samples or more
      p.awaitResult("count_over_time(up{job=\"" + CHART_AGENT_JOB + "\"}[1m]) >= 3");
      new ChartQueryCheck(p, chart, nativeHistograms).run();
      if (!nativeHistograms) {
        theCheckFailsOnBrokenAndEmptyExpressions(p, chart);
      }
    }
  }

  /** The check itself can fail: an expression that errors, and one empty where data exists. */
  private static void theCheckFailsOnBrokenAndEmptyExpressions(
      PrometheusServer p, ChartExpressions chart) {
    for (String bad :
        List.of(
            "sum by (cpu) (rate(isocore_cpu_interrupts_total{node=~\"$node\"}))",
            "isocore_cpu_softirqs_total{node=~\"$node\", cpu=~\"$cpu\", type=\"NO_SUCH\"}")) {
      ChartExpressions one =
          ChartExpressions.of(
              List.of(new ChartExpressions.Expression("self-check", "self-check", bad)),
              chart.variables());
      assertThatThrownBy(() -> new ChartQueryCheck(p, one, false).run())
          .as("the check must reject %s", bad)
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("self-check");
    }
  }

  /** The repository root: -Disocore.root from the build, else the parent of the working dir. */
  static Path repositoryRoot() {
    String root = System.getProperty("isocore.root");
    Path path = root == null || root.isBlank() ? Path.of("..") : Path.of(root);
    return path.toAbsolutePath().normalize();
  }
}
