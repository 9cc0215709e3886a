package io.isocore.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert rules as the chart renders them, checked by Prometheus's own promtool: syntax ({@code
 * check rules}) and behaviour ({@code test rules}, charts/tests/isocore-alerts.test.yaml: each
 * alert firing and not firing). CI installs Debian's prometheus package; without promtool the test
 * is skipped and says so.
 */
class ChartAlertRulesTest {

  private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

  @TempDir static Path work;

  @BeforeAll
  static void renderRules() throws IOException {
    RenderedChart chart = RenderedChart.render(Map.of("monitoring.prometheusRule.enabled", true));
    PrometheusRule rule = chart.one(PrometheusRule.class, "isocore");
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    Files.writeString(work.resolve("rules.yaml"), yaml.writeValueAsString(rule.getSpec()));
    Files.copy(
        RenderedChart.chartDir().resolveSibling("tests/isocore-alerts.test.yaml"),
        work.resolve("isocore-alerts.test.yaml"));
  }

  @Test
  void promtoolAcceptsTheRules() throws Exception {
    String output = promtool("check", "rules", work.resolve("rules.yaml").toString());
    assertThat(output).contains("SUCCESS: 7 rules found");
  }

  @Test
  void everyAlertFiresWhenItShouldAndOnlyThen() throws Exception {
    String output = promtool("test", "rules", work.resolve("isocore-alerts.test.yaml").toString());
    assertThat(output).contains("SUCCESS");
  }

  private static String promtool(String... args) throws Exception {
    assumeTrue(
        Files.isExecutable(PROMTOOL),
        "promtool not installed (apt-get install prometheus; .ci/run does): alert rules unchecked");
    List<String> command = new ArrayList<>(List.of(PROMTOOL.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as("promtool %s:%n%s", String.join(" ", args), output).isZero();
    return output;
  }
}
