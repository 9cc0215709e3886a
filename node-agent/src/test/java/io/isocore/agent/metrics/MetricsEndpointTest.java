package io.isocore.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.agent.metrics.testing.TextExposition;
import io.isocore.agent.metrics.testing.TextExposition.Sample;
import io.isocore.agent.probe.ProbeResults;
import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_33_0.Metrics;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Scrapes the running agent's /metrics and checks it against the metrics contract. */
@QuarkusTest
@TestProfile(MetricsTestProfile.class)
class MetricsEndpointTest {

  private static final String TEXT = "text/plain;version=0.0.4";
  private static final String OPENMETRICS = "application/openmetrics-text;version=1.0.0";
  private static final String PROTOBUF =
      "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited";

  @TestHTTPResource("/metrics")
  URL metrics;

  @TestHTTPResource("/q/health/live")
  URL live;

  @TestHTTPResource("/q/health/ready")
  URL ready;

  @Inject JitterMetrics jitter;
  @Inject ProbeResults results;
  @Inject io.isocore.agent.noise.NoiseTelemetry noise;

  @BeforeEach
  void feedOneWindow() {
    ProbeFixture.feedOnce(jitter, results);
    NoiseFixture.feedOnce(noise);
  }

  static HttpResponse<byte[]> get(URL url, String accept) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url.toString()));
    if (accept != null) {
      b.header("Accept", accept);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static TextExposition scrape(URL url, String accept) throws Exception {
    HttpResponse<byte[]> r = get(url, accept);
    assertThat(r.statusCode()).isEqualTo(200);
    return new TextExposition(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void everyContractSeriesHasTheContractTypeAndLabels() throws Exception {
    TextExposition text = scrape(metrics, TEXT);
    for (MetricsContract.Row row : MetricsContract.NODE_AGENT) {
      assertThat(text.type(row.name())).as("# TYPE of %s", row.name()).isEqualTo(row.type());
      String sampleName = row.type().equals("histogram") ? row.name() + "_count" : row.name();
      List<Sample> samples = text.samples(sampleName);
      assertThat(samples).as("samples of %s", sampleName).isNotEmpty();
      for (Sample s : samples) {
        assertThat(s.labels().keySet())
            .as("labels of %s", s)
            .containsExactlyInAnyOrderElementsOf(row.labels());
      }
    }
  }

  @Test
  void noIsocoreSeriesCarriesPidOrTidAndNoneIsUndeclared() throws Exception {
    TextExposition text = scrape(metrics, TEXT);
    Set<String> contract = new HashSet<>();
    MetricsContract.NODE_AGENT.forEach(r -> contract.add(r.name()));
    for (Sample s : text.samples()) {
      if (s.name().startsWith("isocore_")) {
        assertThat(s.labels()).doesNotContainKeys("pid", "tid", "node");
        String family = s.name().replaceAll("_(bucket|count|sum)$", "");
        assertThat(contract).as("%s is in the contract", s.name()).contains(family);
      }
    }
  }

  @Test
  void fixtureValuesComeThroughInBaseUnits() throws Exception {
    TextExposition text = scrape(metrics, TEXT);
    assertThat(value(text, "isocore_cpu_interrupts_total", Map.of("cpu", "2", "type", "LOC")))
        .isEqualTo(5_000);
    assertThat(value(text, "isocore_cpu_interrupts_total", Map.of("cpu", "0", "type", "device")))
        .isEqualTo(100);
    assertThat(value(text, "isocore_cpu_softirqs_total", Map.of("cpu", "2", "type", "TIMER")))
        .isEqualTo(800);
    assertThat(value(text, "isocore_cpu_schedstat_run_seconds_total", Map.of("cpu", "1")))
        .isEqualTo(3.0);
    Map<String, String> feed =
        Map.of("namespace", "trading", "pod", "feed-0", "container", "handler");
    assertThat(
            value(
                text,
                "isocore_container_context_switches_total",
                with(feed, "kind", "involuntary")))
        .isEqualTo(3);
    assertThat(value(text, "isocore_container_page_faults_total", with(feed, "kind", "major")))
        .isEqualTo(1);
    assertThat(value(text, "isocore_container_runqueue_wait_seconds_total", feed)).isEqualTo(12e-6);
    assertThat(value(text, "isocore_container_cpu_migrations_total", feed)).isEqualTo(4);
    assertThat(value(text, "isocore_container_rt_threads", feed)).isEqualTo(1); // FIFO on CPU 4
    assertThat(
            value(
                text, "isocore_numa_hugepages_free_bytes", Map.of("numa_node", "0", "size", "2Mi")))
        .isEqualTo(500.0 * 2 * 1024 * 1024);
    // the fixture node has CPUs 0-5 (MetricsTestProfile)
    assertThat(value(text, "isocore_node_cpus", Map.of("state", "online"))).isEqualTo(6);
    assertThat(value(text, "isocore_node_cpus", Map.of("state", "allocated"))).isEqualTo(2);
    assertThat(value(text, "isocore_node_cpus", Map.of("state", "quarantined"))).isEqualTo(1);
    assertThat(value(text, "isocore_node_rt_throttling_enabled", Map.of())).isEqualTo(1);
    assertThat(value(text, "isocore_node_kubelet_cpu_manager_static", Map.of())).isEqualTo(0);
    assertThat(value(text, "isocore_cpu_jitter_max_seconds", Map.of("cpu", "3"))).isEqualTo(40e-6);
    assertThat(value(text, "isocore_cpu_quarantined", Map.of("cpu", "3"))).isEqualTo(1);
    assertThat(value(text, "isocore_cpu_jitter_gaps_total", Map.of("cpu", "3"))).isEqualTo(4);
    assertThat(value(text, "isocore_cpu_probe_windows_total", Map.of("cpu", "3"))).isEqualTo(1);
  }

  @Test
  void classicBucketsFrom100NanosecondsTo10Milliseconds() throws Exception {
    TextExposition text = scrape(metrics, TEXT);
    List<Sample> buckets = text.samples("isocore_cpu_jitter_seconds_bucket");
    assertThat(buckets).extracting(s -> s.labels().get("le")).hasSize(17).contains("+Inf");
    assertThat(
            buckets.stream()
                .filter(s -> !s.labels().get("le").equals("+Inf"))
                .mapToDouble(s -> Double.parseDouble(s.labels().get("le"))))
        .first()
        .isEqualTo(100e-9);
    assertThat(
            buckets.stream()
                .mapToDouble(
                    s ->
                        s.labels().get("le").equals("+Inf")
                            ? Double.POSITIVE_INFINITY
                            : Double.parseDouble(s.labels().get("le")))
                .filter(Double::isFinite)
                .max()
                .orElseThrow())
        .isEqualTo(10e-3);
    Map<String, Double> byLe = new HashMap<>();
    buckets.forEach(s -> byLe.put(s.labels().get("le"), s.value()));
    assertThat(value(text, "isocore_cpu_jitter_seconds_count", Map.of("cpu", "3"))).isEqualTo(4);
  }

  @Test
  void openMetricsDeclaresUnits() throws Exception {
    TextExposition om = scrape(metrics, OPENMETRICS);
    assertThat(om.unit("isocore_cpu_jitter_seconds")).isEqualTo("seconds");
    assertThat(om.unit("isocore_cpu_jitter_max_seconds")).isEqualTo("seconds");
    assertThat(om.unit("isocore_numa_hugepages_free_bytes")).isEqualTo("bytes");
    assertThat(om.unit("isocore_container_runqueue_wait_seconds")).isEqualTo("seconds");
    assertThat(om.type("isocore_cpu_interrupts")).isEqualTo("counter");
  }

  @Test
  void protobufCarriesTheNativeHistogram() throws Exception {
    HttpResponse<byte[]> r = get(metrics, PROTOBUF);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(ct -> assertThat(ct).contains("application/vnd.google.protobuf"));
    Map<String, Metrics.MetricFamily> families = new HashMap<>();
    try (InputStream in = new ByteArrayInputStream(r.body())) {
      Metrics.MetricFamily f;
      while ((f = Metrics.MetricFamily.parseDelimitedFrom(in)) != null) {
        families.put(f.getName(), f);
      }
    }
    Metrics.MetricFamily jitterFamily = families.get("isocore_cpu_jitter_seconds");
    assertThat(jitterFamily.getType()).isEqualTo(Metrics.MetricType.HISTOGRAM);
    Metrics.Histogram h = jitterFamily.getMetric(0).getHistogram();
    assertThat(h.getSampleCount()).isEqualTo(4);
    assertThat(h.getSchema()).isBetween(-4, 8);
    assertThat(h.getPositiveSpanCount()).isPositive();
    assertThat(h.getBucketCount()).as("16 classic buckets and +Inf alongside").isEqualTo(17);
  }

  @Test
  void micrometerJvmAndProcessMetricsShareTheEndpoint() throws Exception {
    TextExposition text = scrape(metrics, TEXT);
    assertThat(text.type("jvm_memory_used_bytes")).isEqualTo("gauge");
    assertThat(text.samples("process_uptime_seconds")).isNotEmpty();
    assertThat(text.samples("jvm_threads_live_threads")).isNotEmpty();
  }

  @Test
  void healthEndpoints() throws Exception {
    assertThat(get(live, null).statusCode()).isEqualTo(200);
    assertThat(get(ready, null).statusCode()).isEqualTo(200);
  }

  private static Map<String, String> with(Map<String, String> labels, String k, String v) {
    Map<String, String> m = new HashMap<>(labels);
    m.put(k, v);
    return m;
  }

  private static double value(TextExposition text, String name, Map<String, String> labels) {
    return text.samples(name).stream()
        .filter(s -> s.labels().equals(labels))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no sample " + name + labels + " in " + text.samples(name)))
        .value();
  }
}
