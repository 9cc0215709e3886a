package io.isocore.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every object the chart renders, for several value sets, and every CRD it ships, validated by the
 * tools platform teams use: the Kubernetes OpenAPI schemas of the npm package {@code
 * kubernetes-models} and the prometheus-operator schemas of {@code
 * @kubernetes-models/prometheus-operator}, run by node. The test installs both into
 * charts/target/schema-validation with npm; without node and npm, or without the registry, it is
 * skipped and says why. (Those schemas allow unknown fields; {@link UnknownFieldsTest} is strict.)
 */
class ChartSchemasTest {

  static final List<String> PACKAGES =
      List.of("kubernetes-models@5.1.0", "@kubernetes-models/prometheus-operator@6.0.0");

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static Path work;

  static Stream<Map<String, Object>> valueSets() {
    return ValueSets.all();
  }

  @BeforeAll
  static void installSchemas() throws Exception {
    work = Path.of("target/schema-validation").toAbsolutePath();
    Files.createDirectories(work);
    Path installed = work.resolve("node_modules/@kubernetes-models/prometheus-operator");
    if (!Files.isDirectory(installed)) {
      assumeTrue(onPath("node") && onPath("npm"), "node and npm not installed: schemas unchecked");
      Files.writeString(
          work.resolve("package.json"), "{\"private\": true, \"type\": \"module\"}\n");
      Process npm =
          new ProcessBuilder(
                  Stream.concat(
                          Stream.of("npm", "install", "--no-audit", "--no-fund", "--silent"),
                          PACKAGES.stream())
                      .toList())
              .directory(work.toFile())
              .redirectErrorStream(true)
              .start();
      boolean done = npm.waitFor(300, TimeUnit.SECONDS);
      String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!done) {
        npm.destroyForcibly();
      }
      assumeTrue(
          done && npm.exitValue() == 0,
          () -> {
            String reason = "npm install " + PACKAGES + " failed, schemas unchecked:\n" + output;
            System.out.println(reason);
            return reason;
          });
    }
    Files.copy(
        RenderedChart.chartDir().resolveSibling("src/test/node/validate-objects.mjs"),
        work.resolve("validate-objects.mjs"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  @ParameterizedTest
  @MethodSource("valueSets")
  void everyRenderedObjectMatchesItsSchema(Map<String, Object> values) throws Exception {
    RenderedChart chart = RenderedChart.render(values);
    ArrayNode objects = YAML.createArrayNode();
    for (String document : chart.yaml().split("(?m)^---\\s*$")) {
      JsonNode node = YAML.readTree(document);
      if (node != null && node.has("kind")) {
        objects.add(node);
      }
    }
    assertThat(objects).hasSameSizeAs(chart.objects());
    assertValid(objects);
  }

  @org.junit.jupiter.api.Test
  void shippedCrdsMatchTheCustomResourceDefinitionSchema() throws Exception {
    ArrayNode crds = YAML.createArrayNode();
    try (Stream<Path> files = Files.list(RenderedChart.chartDir().resolve("crds"))) {
      for (Path file : files.sorted().toList()) {
        crds.add(YAML.readTree(file.toFile()));
      }
    }
    assertThat(crds).hasSize(4);
    assertValid(crds);
  }

  private static void assertValid(ArrayNode objects) throws Exception {
    Path input = Files.createTempFile(work, "objects", ".json");
    new ObjectMapper().writeValue(input.toFile(), objects);
    Process node =
        new ProcessBuilder("node", "validate-objects.mjs", input.toString())
            .directory(work.toFile())
            .redirectErrorStream(true)
            .start();
    assertThat(node.waitFor(120, TimeUnit.SECONDS)).as("node finished").isTrue();
    String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    Files.delete(input);
    assertThat(node.exitValue()).as(output).isZero();
    assertThat(output.lines().filter(l -> l.startsWith("OK "))).hasSize(objects.size());
  }

  private static boolean onPath(String command) throws IOException, InterruptedException {
    Process which = new ProcessBuilder("sh", "-c", "command -v " + command).start();
    return which.waitFor(10, TimeUnit.SECONDS) && which.exitValue() == 0;
  }
}
