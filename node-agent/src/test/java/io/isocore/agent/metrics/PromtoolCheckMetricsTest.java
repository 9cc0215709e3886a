package io.isocore.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.agent.probe.ProbeResults;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.File;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The running agent's whole /metrics, isocore's series and Micrometer's framework meters, passes
 * {@code promtool check metrics} (Prometheus's own lint: names, units, suffixes, help text). CI
 * installs promtool with Debian's prometheus package; without it the test is skipped and says so.
 */
@QuarkusTest
@TestProfile(MetricsTestProfile.class)
class PromtoolCheckMetricsTest {

  @TestHTTPResource("/metrics")
  URL metrics;

  @Inject JitterMetrics jitter;
  @Inject ProbeResults results;

  /** The promtool binary on the PATH, if any. */
  static Optional<Path> promtool() {
    for (String p : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(p, "promtool");
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Runs {@code promtool check metrics} over {@code exposition}; returns exit code and output. */
  static String check(Path promtool, String exposition) throws Exception {
    Process p =
        new ProcessBuilder(promtool.toString(), "check", "metrics")
            .redirectErrorStream(true)
            .start();
    try (var in = p.getOutputStream()) {
      in.write(exposition.getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return p.exitValue() + "\n" + output;
  }

  @Test
  void promtoolFindsNothingToFlag() throws Exception {
    Optional<Path> promtool = promtool();
    if (promtool.isEmpty()) {
      System.out.println(
          "PromtoolCheckMetricsTest skipped: no promtool on PATH (apt-get install prometheus)");
    }
    Assumptions.assumeTrue(promtool.isPresent(), "no promtool on PATH");
    ProbeFixture.feedOnce(jitter, results);
    HttpResponse<byte[]> r = MetricsEndpointTest.get(metrics, "text/plain;version=0.0.4");
    String body = new String(r.body(), StandardCharsets.UTF_8);
    // the framework meters are there to be checked
    assertThat(body).contains("jvm_memory_used_bytes", "process_uptime_seconds", "system_cpus");
    assertThat(body).doesNotContain("process_cpu_time_ns_total", "system_cpu_count");
    assertThat(check(promtool.get(), body)).isEqualTo("0\n");
  }
}
