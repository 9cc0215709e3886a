package io.isocore.charts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Copies of the chart for tests: the chart without its {@code kubeVersion} line (for helm-java's
 * {@code template}, which renders as Kubernetes v1.20.0), and the chart as a subchart of a parent.
 */
final class TemplateCopy {

  private static Path withoutKubeVersion;

  private TemplateCopy() {}

  /** The chart, with Chart.yaml's kubeVersion line removed; created once per test JVM. */
  static synchronized Path withoutKubeVersion() {
    if (withoutKubeVersion == null) {
      try {
        Path dir = Files.createTempDirectory("isocore-chart").resolve("isocore");
        copy(RenderedChart.chartDir(), dir);
        Path chartYaml = dir.resolve("Chart.yaml");
        String original = Files.readString(chartYaml);
        String stripped = original.replaceFirst("(?m)^kubeVersion: .*\\n", "");
        if (stripped.equals(original)) {
          throw new IllegalStateException("Chart.yaml has no kubeVersion line to strip");
        }
        Files.writeString(chartYaml, stripped);
        withoutKubeVersion = dir;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return withoutKubeVersion;
  }

  /** Copies a directory tree. */
  static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path source : (Iterable<Path>) paths::iterator) {
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
