package io.isocore.charts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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

  /**
   * The alert rules as rendered with default values, committed as a Prometheus rule file (JSON, a
   * YAML subset) for node-agent's PrometheusScrapeIT, which evaluates every expression against a
   * real Prometheus scraping the agent and cannot run Helm (the chart builds after the agent).
   */
  static final Path RENDERED =
      RenderedChart.chartDir().resolveSibling("tests/rendered-alert-rules.json");

  @Test
  void theCommittedRenderingOfTheRulesIsCurrent() throws IOException {
    PrometheusRule rule =
        RenderedChart.render(Map.of("monitoring.prometheusRule.enabled", true))
            .one(PrometheusRule.class, "isocore");
    String fresh =
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(rule.getSpec())
            + "\n";
    String committed = Files.exists(RENDERED) ? Files.readString(RENDERED) : "";
    if (!fresh.equals(committed)) {
      Files.writeString(RENDERED, fresh);
    }
    assertThat(committed)
        .as("%s differed from the chart's rules and was rewritten: review and commit it", RENDERED)
        .isEqualTo(fresh);
  }

  @Test
  void promtoolAcceptsTheRules() throws Exception {
    String output = promtool("check", "rules", work.resolve("rules.yaml").toString());
    assertThat(output).contains("SUCCESS: 12 rules found");
  }

  @Test
  void everyAlertFiresWhenItShouldAndOnlyThen() throws Exception {
    String output = promtool("test", "rules", work.resolve("isocore-alerts.test.yaml").toString());
    assertThat(output).contains("SUCCESS");
  }

  @Test
  void everyAlertLinksARunbookSectionOfTheOperationsGuide() throws IOException {
    PrometheusRule rule =
        RenderedChart.render(Map.of("monitoring.prometheusRule.enabled", true))
            .one(PrometheusRule.class, "isocore");
    Set<String> anchors = new TreeSet<>();
    Path operations = RenderedChart.chartDir().resolve("../../docs/operations.md").normalize();
    for (String line : Files.readAllLines(operations)) {
      if (line.startsWith("### ")) {
        // GitHub's anchor of a one-word heading: the word in lower case.
        anchors.add(line.substring(4).trim().toLowerCase(Locale.ROOT));
      }
    }
    List<Rule> alerts =
        rule.getSpec().getGroups().stream().flatMap(g -> g.getRules().stream()).toList();
    assertThat(alerts).hasSize(12);
    assertThat(alerts)
        .allSatisfy(
            alert -> {
              String url = alert.getAnnotations().get("runbook_url");
              String anchor = alert.getAlert().toLowerCase(Locale.ROOT);
              assertThat(url)
                  .isEqualTo(
                      "https://github.com/isocore/isocore/blob/main/docs/operations.md#" + anchor);
              assertThat(anchors).as("docs/operations.md sections").contains(anchor);
            });
  }

  @Test
  void annotationsPrintNoRawExponents() {
    String rules = RenderedChart.render(Map.of("monitoring.prometheusRule.enabled", true)).yaml();
    assertThat(rules).doesNotContainPattern("\\d[eE]-\\d+ s\\b").contains("humanizeDuration");
  }

  private static String promtool(String... args) throws Exception {
    return Promtool.run(args);
  }
}
