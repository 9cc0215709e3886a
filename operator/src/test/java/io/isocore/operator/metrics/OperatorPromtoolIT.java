package io.isocore.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The booted operator's whole /metrics, isocore's series and Micrometer's framework meters, passes
 * {@code promtool check metrics}. CI installs promtool with Debian's prometheus package; without it
 * the test is skipped and says so.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class OperatorPromtoolIT {

  @TestHTTPResource("/metrics")
  URI metrics;

  private static Optional<Path> promtool() {
    for (String p : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(p, "promtool");
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  @Test
  void promtoolFindsNothingToFlag() throws Exception {
    Optional<Path> promtool = promtool();
    if (promtool.isEmpty()) {
      System.out.println(
          "OperatorPromtoolIT skipped: no promtool on PATH (apt-get install prometheus)");
    }
    Assumptions.assumeTrue(promtool.isPresent(), "no promtool on PATH");
    String body;
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(metrics).header("Accept", "text/plain;version=0.0.4").build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      body = r.body();
    }
    assertThat(body).contains("isocore_operator_leader", "jvm_memory_used_bytes", "system_cpus");
    assertThat(body).doesNotContain("process_cpu_time_ns_total", "system_cpu_count");
    Process p =
        new ProcessBuilder(promtool.get().toString(), "check", "metrics")
            .redirectErrorStream(true)
            .start();
    try (var in = p.getOutputStream()) {
      in.write(body.getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue() + "\n" + output).isEqualTo("0\n");
  }
}
