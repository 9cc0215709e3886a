package io.isocore.charts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every metric the dashboard and the alert rules query is one the components export, as documented
 * in docs/metrics.md. (The agent's and operator's own tests scrape their real /metrics endpoints
 * and check the same documented names; the quickstart IT scrapes both running against a live node.)
 */
class DashboardMetricsTest {

  private static final Pattern METRIC = Pattern.compile("\\bisocore_[a-z0-9_]+");

  static Set<String> documented() throws IOException {
    Path doc = RenderedChart.chartDir().resolve("../../docs/metrics.md").normalize();
    Set<String> names = new TreeSet<>();
    for (String line : Files.readAllLines(doc)) {
      Matcher m = Pattern.compile("^\\|\\s*`?(isocore_[a-z0-9_]+)").matcher(line);
      if (m.find()) {
        names.add(m.group(1));
      }
    }
    return names;
  }

  static String base(String name) {
    return name.replaceAll("_(bucket|count|sum)$", "");
  }

  @Test
  void dashboardQueriesOnlyExportedMetrics() throws IOException {
    JsonNode dashboard =
        new ObjectMapper()
            .readTree(
                RenderedChart.chartDir().resolve("dashboards/isocore-node-jitter.json").toFile());
    List<String> expressions = new ArrayList<>();
    dashboard.findValues("expr").forEach(e -> expressions.add(e.asText()));
    dashboard.at("/templating/list").forEach(v -> expressions.add(v.path("definition").asText()));
    assertThat(expressions).hasSizeGreaterThan(15);
    assertOnlyDocumented(expressions);
  }

  @Test
  void alertRulesQueryOnlyExportedMetrics() throws IOException {
    PrometheusRule rule =
        RenderedChart.render(Map.of("monitoring.prometheusRule.enabled", true))
            .one(PrometheusRule.class, "isocore");
    List<String> expressions = new ArrayList<>();
    rule.getSpec()
        .getGroups()
        .forEach(g -> g.getRules().forEach(r -> expressions.add(r.getExpr().getStrVal())));
    assertThat(expressions).hasSize(12);
    assertOnlyDocumented(expressions);
  }

  private static void assertOnlyDocumented(List<String> expressions) throws IOException {
    Set<String> documented = documented();
    assertThat(documented).as("docs/metrics.md lists the metrics").hasSizeGreaterThan(20);
    Set<String> used = new TreeSet<>();
    for (String expression : expressions) {
      Matcher m = METRIC.matcher(expression);
      while (m.find()) {
        used.add(base(m.group()));
      }
    }
    assertThat(used).isNotEmpty();
    assertThat(documented).as("metrics queried but not exported").containsAll(used);
  }
}
