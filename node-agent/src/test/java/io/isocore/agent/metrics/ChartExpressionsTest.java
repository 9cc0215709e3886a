package io.isocore.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.agent.metrics.testing.ChartExpressions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The expression handling PrometheusScrapeIT relies on. */
class ChartExpressionsTest {

  @Test
  void comparisonsGetBoolOutsideLabelMatchers() {
    assertThat(
            ChartExpressions.withBoolComparisons(
                "sum(rate(x_total{type!=\"LOC\", job=~\"a|b\"}[5m])) > 10 and on (node) y == 1"))
        .isEqualTo(
            "sum(rate(x_total{type!=\"LOC\", job=~\"a|b\"}[5m])) > bool 10 and on (node) y == bool 1");
    assertThat(ChartExpressions.withBoolComparisons("(sum(a) or vector(0)) < 1"))
        .isEqualTo("(sum(a) or vector(0)) < bool 1");
    assertThat(ChartExpressions.withBoolComparisons("a >= 2 != b <= c"))
        .isEqualTo("a >= bool 2 != bool b <= bool c");
    assertThat(ChartExpressions.withBoolComparisons("a > bool 1")).isEqualTo("a > bool 1");
    assertThat(ChartExpressions.withBoolComparisons("a{l=\"x>y\"}")).isEqualTo("a{l=\"x>y\"}");
  }

  @Test
  void metricNamesLeaveOutFunctionsKeywordsAndLabels() {
    assertThat(
            ChartExpressions.metricNames(
                "histogram_quantile(0.999, sum by (node, cpu, le) (rate(isocore_cpu_jitter_seconds_bucket{node=~\"$node\"}[1m])))"
                    + " or max by (cpu) (isocore_cpu_jitter_max_seconds) > 2e-05"))
        .containsExactly("isocore_cpu_jitter_seconds_bucket", "isocore_cpu_jitter_max_seconds");
    assertThat(ChartExpressions.metricNames("absent(up{job=\"isocore-agent-metrics\"})"))
        .containsExactly("up");
    assertThat(
            ChartExpressions.metricNames(
                "rate(a_total[5m]) * on (node, cpu) group_left (namespace, pod, container) b_info"))
        .containsExactly("a_total", "b_info");
  }

  @Test
  void variablesAndGrafanaBuiltInsAreSubstituted() {
    assertThat(
            ChartExpressions.substitute(
                "rate(x{node=~\"$node\", cpu=~\"${cpu}\"}[$__rate_interval])",
                Map.of("node", "n1", "cpu", "3")))
        .isEqualTo("rate(x{node=~\"n1\", cpu=~\"3\"}[1m])");
  }
}
