package io.isocore.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.isocore.agent.metrics.testing.ChartExpressions;
import io.isocore.agent.metrics.testing.ChartExpressions.Expression;
import io.isocore.agent.metrics.testing.ChartExpressions.Variable;
import io.isocore.agent.metrics.testing.PrometheusServer;
import io.isocore.agent.metrics.testing.PrometheusServer.Answer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates every expression of the chart against a Prometheus that scrapes the agent, with the
 * dashboard's variables set to values Prometheus lists ({@code label_values}, as Grafana does):
 *
 * <ul>
 *   <li>every expression evaluates without error, for every value of its variables;
 *   <li>every expression returns data, for some value of its variables, when the series it reads
 *       exist here. Thresholds do not decide that: comparisons are evaluated with {@code bool} (an
 *       alert's condition as 0/1 for every series it compares), and {@code absent(x)} by {@code x};
 *   <li>expressions that read series this test cannot produce must still evaluate; the reason is
 *       named ({@link #excuse}): the operator's series (no operator runs here: OperatorBootIT and
 *       OperatorPromtoolIT scrape it), and the jitter histogram in the storage Prometheus does not
 *       keep (2.42 with native histograms on stores no {@code _bucket} series; with them off there
 *       is no native series). Every other series an expression names must exist.
 * </ul>
 *
 * Alerts whose condition is false on this fixture (no SCHED_FIFO thread, a kubelet policy of {@code
 * none}, jitter below the SLO) still count as returning data: their {@code bool} form has a 0 for
 * each series compared. Prints one line per expression saying what it returned.
 */
final class ChartQueryCheck {

  /** Series only the operator exports. */
  static final Set<String> OPERATOR_SERIES =
      Set.of(
          "isocore_operator_leader",
          "isocore_pending_pods",
          "isocore_pending_pod_oldest_seconds",
          "isocore_placements_total",
          "isocore_placement_duration_seconds_bucket",
          "isocore_tenant_effective_tickets",
          "isocore_tenant_entitled_cores",
          "isocore_tenant_allocated_cores",
          "isocore_tenant_share_error_cores",
          "isocore_invalid_objects");

  private static final Pattern ABSENT = Pattern.compile("^\\s*absent\\((.*)\\)\\s*$");

  private final PrometheusServer prometheus;
  private final ChartExpressions chart;
  private final boolean nativeHistograms;
  private final List<String> failures = new ArrayList<>();

  ChartQueryCheck(PrometheusServer prometheus, ChartExpressions chart, boolean nativeHistograms) {
    this.prometheus = prometheus;
    this.chart = chart;
    this.nativeHistograms = nativeHistograms;
  }

  /** Why an expression reading {@code names} cannot have data here, or null when it must. */
  String excuse(Set<String> names) {
    List<String> reasons = new ArrayList<>();
    for (String name : names) {
      if (OPERATOR_SERIES.contains(name)) {
        reasons.add(name + " is the operator's (no operator runs in this test)");
      } else if (nativeHistograms && name.equals("isocore_cpu_jitter_seconds_bucket")) {
        reasons.add(name + ": Prometheus 2.42 with native histograms stores no classic buckets");
      } else if (!nativeHistograms && name.equals("isocore_cpu_jitter_seconds")) {
        reasons.add(name + ": without native histograms Prometheus stores only classic buckets");
      }
    }
    return reasons.isEmpty() ? null : String.join("; ", reasons);
  }

  void run() throws IOException, InterruptedException {
    String mode = nativeHistograms ? "native histograms on" : "native histograms off";
    Map<String, List<String>> values = resolveVariables();
    int withData = 0;
    for (Expression e : chart.expressions()) {
      Set<String> names = ChartExpressions.metricNames(e.expr());
      assertThat(names)
          .as("series names read by %s: %s", e.source(), e.expr())
          .isNotEmpty()
          .allSatisfy(n -> assertThat(n).matches("isocore_[a-z0-9_]+|up"));
      String excuse = excuse(names);
      for (String name : names) {
        if (excuse(Set.of(name)) == null && !prometheus.series(name).hasData()) {
          failures.add(e.source() + ": reads " + name + ", which has no series here");
        }
      }
      boolean data = evaluate(e, values);
      if (data) {
        withData++;
      } else if (excuse == null) {
        failures.add(
            e.source() + ": returns nothing although the agent has its series: " + e.expr());
      }
      System.out.printf(
          "[%s] %-10s %s%n",
          mode,
          data ? "data" : excuse == null ? "EMPTY" : "no data",
          e.source() + (data || excuse == null ? "" : " (" + excuse + ")"));
    }
    assertThat(failures).as("chart expressions against live agent series, %s", mode).isEmpty();
    assertThat(withData).as("expressions with data").isGreaterThan(chart.expressions().size() / 2);
  }

  /** Evaluates every binding of the expression's variables; true when any returned data. */
  private boolean evaluate(Expression e, Map<String, List<String>> values)
      throws IOException, InterruptedException {
    boolean data = false;
    for (Map<String, String> binding : bindings(e.expr(), values)) {
      String q = ChartExpressions.substitute(e.expr(), binding);
      assertThat(q).as("%s: every variable substituted", e.source()).doesNotContain("$");
      Answer as = prometheus.query(q);
      if (!as.ok()) {
        failures.add(e.source() + ": " + q + " failed: " + as.error());
        continue;
      }
      Matcher absent = ABSENT.matcher(q);
      String dataQuery =
          absent.matches() ? absent.group(1) : ChartExpressions.withBoolComparisons(q);
      Answer d = prometheus.query(dataQuery);
      if (!d.ok()) {
        failures.add(e.source() + ": " + dataQuery + " failed: " + d.error());
        continue;
      }
      data |= d.hasData();
    }
    return data;
  }

  /** Each variable's values, listed as Grafana lists them (label_values over the series API). */
  private Map<String, List<String>> resolveVariables() throws IOException, InterruptedException {
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (Variable v : chart.variables()) {
      Map<String, String> earlier = new HashMap<>();
      values.forEach((k, list) -> earlier.put(k, String.join("|", list)));
      String selector = ChartExpressions.substitute(v.selector(), earlier);
      Answer series = prometheus.series(selector);
      assertThat(series.ok())
          .as("label_values(%s, %s): %s", selector, v.label(), series.body())
          .isTrue();
      Set<String> found = new TreeSet<>();
      for (JsonNode s : series.result()) {
        if (s.hasNonNull(v.label())) {
          found.add(s.get(v.label()).asText());
        }
      }
      assertThat(found).as("values of $%s from %s", v.name(), selector).isNotEmpty();
      values.put(v.name(), List.copyOf(found));
    }
    return values;
  }

  /** Every combination of the values of the variables {@code expr} uses (one empty if none). */
  private static List<Map<String, String>> bindings(String expr, Map<String, List<String>> values) {
    List<Map<String, String>> out = new ArrayList<>();
    out.add(Map.of());
    for (Map.Entry<String, List<String>> v : values.entrySet()) {
      if (!expr.contains("$" + v.getKey()) && !expr.contains("${" + v.getKey() + "}")) {
        continue;
      }
      List<Map<String, String>> next = new ArrayList<>();
      for (Map<String, String> partial : out) {
        for (String value : v.getValue()) {
          Map<String, String> b = new HashMap<>(partial);
          b.put(v.getKey(), value);
          next.add(b);
        }
      }
      out = next;
    }
    return out;
  }
}
