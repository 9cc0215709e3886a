package io.isocore.charts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's queries work whatever Prometheus stores: the jitter histogram as a native
 * histogram (protobuf scrapes, native histograms on) or as classic buckets; every query parses
 * under promtool; the CPU variable lists every CPU, probed or not.
 */
class DashboardQueriesTest {

  private static final String CLASSIC = "isocore_cpu_jitter_seconds_bucket";
  private static final String NATIVE = "isocore_cpu_jitter_seconds{";

  @TempDir Path work;

  private static JsonNode dashboard() throws IOException {
    return new ObjectMapper()
        .readTree(RenderedChart.chartDir().resolve("dashboards/isocore-node-jitter.json").toFile());
  }

  /** The panel's queries, with Grafana's variables replaced by what they expand to. */
  private static List<String> expressions(JsonNode panel) {
    List<String> expressions = new ArrayList<>();
    panel.path("targets").forEach(t -> expressions.add(substitute(t.path("expr").asText())));
    return expressions;
  }

  private static String substitute(String expr) {
    return expr.replace("$__rate_interval", "5m").replace("$node", ".*").replace("$cpu", ".*");
  }

  @Test
  void everyJitterHistogramPanelReadsNativeAndClassicStorage() throws IOException {
    List<String> jitterPanels = new ArrayList<>();
    for (JsonNode panel : dashboard().path("panels")) {
      String queries = String.join("\n", expressions(panel));
      if (queries.contains(CLASSIC) || queries.contains(NATIVE)) {
        jitterPanels.add(panel.path("title").asText());
        assertThat(queries).as(panel.path("title").asText()).contains(CLASSIC).contains(NATIVE);
      }
    }
    assertThat(jitterPanels).hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void cpuVariableListsEveryCpuNotOnlyProbedOnes() throws IOException {
    JsonNode cpu = null;
    for (JsonNode variable : dashboard().at("/templating/list")) {
      if (variable.path("name").asText().equals("cpu")) {
        cpu = variable;
      }
    }
    assertThat(cpu).isNotNull();
    String definition = cpu.path("definition").asText();
    assertThat(definition).isEqualTo(cpu.at("/query/query").asText());
    // /proc/softirqs has a column per online CPU, so every CPU has a series; the jitter series
    // exist only for idle isolated CPUs the probe has visited.
    assertThat(definition).contains("isocore_cpu_softirqs_total").doesNotContain("jitter");
  }

  @Test
  void promtoolParsesEveryDashboardQuery() throws Exception {
    StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
    int n = 0;
    for (JsonNode panel : dashboard().path("panels")) {
      for (String expr : expressions(panel)) {
        rules.append("      - record: dashboard:query").append(n++).append('\n');
        rules.append("        expr: '").append(expr.replace("'", "''")).append("'\n");
      }
    }
    assertThat(n).isGreaterThan(15);
    Files.writeString(work.resolve("dashboard.yaml"), rules);
    assertThat(Promtool.run("check", "rules", work.resolve("dashboard.yaml").toString()))
        .contains("SUCCESS: " + n + " rules found");
  }

  @Test
  void jitterQuantileHasDataWhenOnlyClassicBucketsAreStored() throws Exception {
    String quantile = null;
    for (JsonNode panel : dashboard().path("panels")) {
      for (String expr : expressions(panel)) {
        if (expr.startsWith("histogram_quantile") && expr.contains(NATIVE)) {
          quantile = expr;
        }
      }
    }
    assertThat(quantile).as("a jitter quantile panel").isNotNull();
    Files.writeString(work.resolve("none.yaml"), "groups: []\n");
    // Every gap above the highest finite bucket: histogram_quantile returns that bound, exactly.
    Files.writeString(
        work.resolve("classic.test.yaml"),
        """
        rule_files: [none.yaml]
        evaluation_interval: 1m
        tests:
          - interval: 1m
            input_series:
              - series: 'isocore_cpu_jitter_seconds_bucket{node="n1", cpu="3", le="1e-06"}'
                values: '0x20'
              - series: 'isocore_cpu_jitter_seconds_bucket{node="n1", cpu="3", le="1e-05"}'
                values: '0x20'
              - series: 'isocore_cpu_jitter_seconds_bucket{node="n1", cpu="3", le="+Inf"}'
                values: '0+30x20'
            promql_expr_test:
              - expr: '%s'
                eval_time: 15m
                exp_samples:
                  - labels: '{node="n1", cpu="3"}'
                    value: 1e-05
        """
            .formatted(quantile.replace("'", "''")));
    assertThat(Promtool.run("test", "rules", work.resolve("classic.test.yaml").toString()))
        .contains("SUCCESS");
  }
}
