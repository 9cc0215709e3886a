package io.isocore.quickstart.agent;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The agent's DaemonSet as charts/isocore renders it (real Helm, through helm-java), with the
 * values this machine needs: cgroup v1 with its cpuset and cpu hierarchies writable, no IRQ
 * steering, no kubelet directory, the local image and the metrics port picked for this run. The
 * agent pod's shape comes from here, never from a second copy.
 */
public final class ChartDaemonSet {

  private ChartDaemonSet() {}

  /** The values file the quickstart renders the chart with. */
  static String values(int metricsPort) {
    return """
        image:
          registry: isocore.local
        agent:
          image:
            repository: node-agent
            tag: quickstart
          metricsPort: %d
          irqSteering: false
          kubeletCpuManagerCheck: false
          cgroup:
            version: v1
            v1WritableControllers: [cpuset, cpu]
        """
        .formatted(metricsPort);
  }

  /** Renders {@code chart} (charts/isocore) in a child JVM and returns its agent DaemonSet. */
  public static DaemonSet render(Path chart, int metricsPort) throws IOException {
    Process helm =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                ChartDaemonSet.class.getName(),
                chart.toString(),
                Integer.toString(metricsPort))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String yaml = new String(helm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!helm.waitFor(60, TimeUnit.SECONDS) || helm.exitValue() != 0) {
        helm.destroyForcibly();
        throw new IOException(
            "rendering "
                + chart
                + " failed: "
                + yaml.strip().lines().reduce((a, b) -> b).orElse(""));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while rendering " + chart, e);
    }
    return Serialization.unmarshal(yaml, DaemonSet.class);
  }

  /**
   * Prints the agent DaemonSet of the chart at {@code args[0]} for metrics port {@code args[1]}.
   */
  public static void main(String[] args) {
    try {
      System.out.print(
          Serialization.asYaml(renderHere(Path.of(args[0]), Integer.parseInt(args[1]))));
      System.out.flush();
      System.exit(0);
    } catch (IOException | RuntimeException e) {
      System.out.println("error: " + e.getMessage().lines().findFirst().orElse(""));
      System.exit(1);
    }
  }

  private static DaemonSet renderHere(Path chart, int metricsPort) throws IOException {
    Path copy = Files.createTempDirectory("isocore-quickstart-chart");
    try {
      // helm-java's template renders as Kubernetes v1.20.0 and has no option to say otherwise:
      // render a copy without the chart's kubeVersion gate.
      Path dir = copy.resolve("isocore");
      copyTree(chart, dir);
      Path chartYaml = dir.resolve("Chart.yaml");
      Files.writeString(
          chartYaml, Files.readString(chartYaml).replaceFirst("(?m)^kubeVersion: .*\\n", ""));
      Path values = Files.writeString(copy.resolve("quickstart-values.yaml"), values(metricsPort));
      String yaml =
          new Helm(dir)
              .template()
              .withName("isocore")
              .withNamespace("isocore-system")
              .withValuesFile(values)
              .call();
      for (String document : yaml.split("(?m)^---\\s*$")) {
        if (document.contains("kind: DaemonSet")) {
          KubernetesResource parsed = Serialization.unmarshal(document);
          if (parsed instanceof DaemonSet ds) {
            return ds;
          }
        }
      }
      throw new IOException("charts/isocore rendered no DaemonSet");
    } finally {
      try (Stream<Path> paths = Files.walk(copy)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path source : paths.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
  }
}
