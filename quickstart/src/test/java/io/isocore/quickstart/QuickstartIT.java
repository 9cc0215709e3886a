package io.isocore.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.isocore.core.cpu.CpuSet;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, for real: the quickstart jar runs the embedded API, the operator and
 * the agent, places the latency pod, and the kernel confines it to its exclusive CPU while the
 * noisy neighbour keeps to the rest. Both components' /metrics are scraped mid-run. Needs root, a
 * cgroup v1 cpuset hierarchy and at least 2 CPUs; otherwise skipped, saying why.
 */
class QuickstartIT {

  @TempDir Path dir;

  @Test
  void isolatesTheLatencyPodOnThisMachine() throws Exception {
    Path root = Path.of(System.getProperty("isocore.root", "..")).toAbsolutePath().normalize();
    Path jar = root.resolve("quickstart/target/isocore-quickstart.jar");
    assumeTrue(Files.isRegularFile(jar), "quickstart jar not built: " + jar);
    assumeTrue(
        Files.isRegularFile(root.resolve("operator/target/quarkus-app/quarkus-run.jar"))
            && Files.isRegularFile(root.resolve("node-agent/target/quarkus-app/quarkus-run.jar")),
        "operator or agent jar not built");
    assumeTrue(
        "root".equals(System.getProperty("user.name")), "not root: cgroups cannot be written");
    assumeTrue(
        Files.isWritable(Path.of("/sys/fs/cgroup/cpuset/cpuset.cpus")),
        "no writable cgroup v1 cpuset hierarchy at /sys/fs/cgroup/cpuset");
    int cpus = Runtime.getRuntime().availableProcessors();
    assumeTrue(cpus >= 2, "needs 2 CPUs: one reserved, one isolated");

    // In CI (.ci/run installs containerd and runc) the pods run as containers through the CRI.
    boolean containerd = which("containerd") && which("runc");
    Path summary = dir.resolve("summary.json");
    Path output = dir.resolve("quickstart.out");
    Process quickstart =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--sun-misc-unsafe-memory-access=allow",
                "-jar",
                jar.toString(),
                "--duration",
                "45s",
                "--runtime",
                containerd ? "containerd" : "process",
                "--summary",
                summary.toString())
            .directory(root.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    try {
      String agentMetrics =
          scrapeWhen(metricsUrl(output, "agent"), "(?m)^isocore_node_cpus\\{", quickstart);
      // The operator counts the allocated core at commit and the placement after the bind: wait
      // for the latter, which comes last.
      String operatorMetrics =
          scrapeWhen(
              metricsUrl(output, "operator"),
              "(?m)^isocore_placements_total\\{outcome=\"placed\"} 1",
              quickstart);
      assertThat(agentMetrics)
          .contains(
              "isocore_node_cpus",
              "isocore_cpu_interrupts_total",
              "isocore_numa_hugepages_total_bytes");
      assertThat(operatorMetrics)
          .contains(
              "isocore_placements_total{outcome=\"placed\"} 1",
              "isocore_pending_pods",
              "isocore_tenant_allocated_cores{tenant=\"equities\"} 1");
      // The agent (with containerd: the chart's DaemonSet pod, confined to the shared pool)
      // probed the idle isolated CPU before the latency pod took it: its jitter series are there.
      String jitter =
          scrapeWhen(
              metricsUrl(output, "agent"),
              "(?m)^isocore_cpu_probe_windows_total\\{cpu=\"1\"} [1-9]",
              quickstart);
      assertThat(jitter)
          .as("agent /metrics: jitter series for isolated CPU 1")
          .containsPattern("(?m)^isocore_cpu_probe_windows_total\\{cpu=\"1\"} [1-9]")
          .contains(
              "isocore_cpu_jitter_max_seconds{cpu=\"1\"}",
              "isocore_cpu_jitter_p9999_seconds{cpu=\"1\"}",
              "isocore_cpu_jitter_gaps_total{cpu=\"1\"}");
      assertThat(quickstart.waitFor(3, TimeUnit.MINUTES)).as("quickstart finished").isTrue();
    } finally {
      quickstart.destroy();
      quickstart.waitFor(30, TimeUnit.SECONDS);
    }
    String printed = Files.readString(output);
    assertThat(quickstart.exitValue()).as(printed).isZero();
    // The "before": the noise floor of idle CPU 1, shown before the latency pod was created.
    int before = printed.indexOf("noise floor of idle isolated CPU 1 before the latency pod");
    assertThat(before).as(printed).isNotNegative().isLessThan(printed.indexOf("Applied"));
    assertThat(printed).containsPattern("agent /metrics: [1-9]\\d* probe window\\(s\\) on CPU 1");
    // The engine asks for the hot thread alone: its cpuset is its exclusive CPU plus the shared
    // pool, and only its measuring thread is on the exclusive CPU (checked per thread below).
    assertThat(printed).contains("Applied").containsPattern("verified engine on CPUs (0-1|1)\\b");
    assertThat(printed).containsPattern("(?m)^report: .*\\.html$");
    assertThat(
            printed.lines().filter(l -> l.startsWith("isocore quickstart: runtime:")).findFirst())
        .hasValueSatisfying(
            line ->
                assertThat(line)
                    .startsWith(
                        containerd
                            ? "isocore quickstart: runtime: containerd "
                            : "isocore quickstart: runtime: local processes"));

    JsonNode result = new ObjectMapper().readTree(summary.toFile());
    CpuSet isolated = CpuSet.range(1, cpus - 1);
    CpuSet hot = CpuSet.parse(result.path("hotThreadCpus").asText());
    CpuSet others = CpuSet.parse(result.path("otherThreadsCpus").asText());
    CpuSet noisy = CpuSet.parse(result.path("noisyCpusAllowed").asText());
    assertThat(hot.size()).as("the hot thread on one exclusive CPU").isEqualTo(1);
    assertThat(isolated.containsAll(hot)).isTrue();
    assertThat(others.intersection(hot))
        .as("every other thread off the hot thread's CPU")
        .isEqualTo(CpuSet.empty());
    assertThat(noisy).as("noisy neighbour on the shared pool only").isEqualTo(CpuSet.of(0));
    assertThat(result.path("latency").path("iterations").asLong()).isPositive();
    // The whole distribution for the report's nines axis, and the agent's noise by source.
    assertThat(result.path("latency").path("histogram").asText()).hasSizeGreaterThan(20);
    assertThat(result.path("noise").size()).as(result.path("noise").toString()).isPositive();

    // The sandbox is gone from every hierarchy (runc creates container cgroups in all of them),
    // and so is everything of the run's containerd: its directory, mounts and processes.
    String sandbox = "isocore-quickstart-" + quickstart.pid();
    try (var hierarchies = Files.list(Path.of("/sys/fs/cgroup"))) {
      List<Path> left = hierarchies.map(h -> h.resolve(sandbox)).filter(Files::exists).toList();
      assertThat(left).as("cgroups left behind").isEmpty();
    }
    Path containerdDir = root.resolve("quickstart/target/run/containerd");
    assertThat(containerdDir).doesNotExist();
    assertThat(Files.readString(Path.of("/proc/self/mountinfo")))
        .doesNotContain(containerdDir.toString());
    assertThat(ProcessHandle.allProcesses())
        .noneMatch(p -> p.info().commandLine().orElse("").contains(containerdDir.toString()));
  }

  private static boolean which(String name) {
    return java.util.Arrays.stream(
            (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin").split(":"))
        .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, name)));
  }

  /** The metrics URL the quickstart printed for {@code component}, waiting up to 3 minutes. */
  private static URI metricsUrl(Path output, String component) throws Exception {
    Pattern url = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/metrics) \\(" + component + "\\)");
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < deadline) {
      var m = url.matcher(Files.readString(output));
      if (m.find()) {
        return URI.create(m.group(1));
      }
      Thread.sleep(500);
    }
    throw new AssertionError(
        "no " + component + " metrics URL printed:\n" + Files.readString(output));
  }

  /** Scrapes until a line matches {@code regex}, the quickstart ends, or 60 s pass. */
  private static String scrapeWhen(URI metrics, String regex, Process quickstart) throws Exception {
    Pattern needle = Pattern.compile(regex);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    String last = "";
    while (System.nanoTime() < deadline && quickstart.isAlive()) {
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(metrics)
                    .header("Accept", "text/plain")
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        last = response.body();
        if (response.statusCode() == 200 && needle.matcher(last).find()) {
          return last;
        }
      } catch (IOException e) {
        // Not up yet.
      }
      Thread.sleep(500);
    }
    return last;
  }
}
