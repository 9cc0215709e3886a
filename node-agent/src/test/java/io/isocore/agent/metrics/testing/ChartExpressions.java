package io.isocore.agent.metrics.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every PromQL expression the chart ships: each target of each dashboard panel (with its Grafana
 * variables) and each alert rule (from {@code charts/tests/rendered-alert-rules.json}, the rules as
 * Helm renders them with default values, kept current by the chart's ChartAlertRulesTest).
 */
public final class ChartExpressions {

  /**
   * One expression.
   *
   * @param source where it comes from ({@code dashboard x.json, panel "title"} or {@code alert X})
   * @param group the panel or alert it belongs to
   * @param expr the PromQL, Grafana variables not yet substituted
   */
  public record Expression(String source, String group, String expr) {}

  /**
   * A dashboard query variable: {@code label_values(selector, label)}.
   *
   * @param name the variable ({@code cpu} for {@code $cpu})
   * @param selector the series selector, may contain earlier variables
   * @param label the label whose values the variable lists
   */
  public record Variable(String name, String selector, String label) {}

  private static final Pattern LABEL_VALUES =
      Pattern.compile("label_values\\(\\s*(.+)\\s*,\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*\\)");
  private static final Pattern METRIC =
      Pattern.compile("(?<![a-zA-Z0-9_:$])([a-zA-Z_:][a-zA-Z0-9_:]*)(?=\\s*(\\{|\\[|\\)|$|\\s))");
  private static final Set<String> NOT_METRICS =
      Set.of(
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "and",
          "or",
          "unless",
          "bool",
          "offset",
          "sum",
          "max",
          "min",
          "count",
          "avg",
          "rate",
          "absent",
          "vector",
          "histogram_quantile",
          "le",
          "node",
          "cpu",
          "type",
          "namespace",
          "pod",
          "container",
          "kind",
          "tenant",
          "state",
          "size",
          "numa_node",
          "outcome",
          "window",
          "source",
          "job");

  private final List<Expression> expressions = new ArrayList<>();
  private final List<Variable> variables = new ArrayList<>();

  private ChartExpressions() {}

  /** Reads the dashboards and the rendered alert rules under the repository root. */
  public static ChartExpressions load(Path repositoryRoot) throws IOException {
    ChartExpressions all = new ChartExpressions();
    ObjectMapper json = new ObjectMapper();
    Path dashboards = repositoryRoot.resolve("charts/isocore/dashboards");
    try (Stream<Path> files = Files.list(dashboards)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        all.readDashboard(file.getFileName().toString(), json.readTree(file.toFile()));
      }
    }
    JsonNode rules =
        json.readTree(repositoryRoot.resolve("charts/tests/rendered-alert-rules.json").toFile());
    for (JsonNode group : rules.path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        String name = rule.has("alert") ? rule.get("alert").asText() : rule.path("record").asText();
        all.expressions.add(new Expression("alert " + name, name, rule.path("expr").asText()));
      }
    }
    return all;
  }

  private void readDashboard(String file, JsonNode dashboard) {
    for (JsonNode v : dashboard.at("/templating/list")) {
      if (!v.path("type").asText().equals("query")) {
        continue;
      }
      String query =
          v.path("query").isObject() ? v.at("/query/query").asText() : v.path("query").asText();
      Matcher m = LABEL_VALUES.matcher(query);
      if (!m.matches()) {
        throw new IllegalArgumentException(
            file
                + ": variable "
                + v.path("name").asText()
                + " is not label_values(selector, label): "
                + query);
      }
      variables.add(new Variable(v.path("name").asText(), m.group(1).strip(), m.group(2)));
    }
    for (JsonNode panel : dashboard.path("panels")) {
      String title = panel.path("title").asText();
      for (JsonNode target : panel.path("targets")) {
        if (target.hasNonNull("expr")) {
          expressions.add(
              new Expression(
                  "dashboard " + file + ", panel \"" + title + "\"",
                  file + "/" + title,
                  target.get("expr").asText()));
        }
      }
    }
  }

  /** A set of expressions and variables given directly (for checking the checker). */
  public static ChartExpressions of(List<Expression> expressions, List<Variable> variables) {
    ChartExpressions some = new ChartExpressions();
    some.expressions.addAll(expressions);
    some.variables.addAll(variables);
    return some;
  }

  /** Every expression, dashboard targets first, then alert rules. */
  public List<Expression> expressions() {
    return List.copyOf(expressions);
  }

  /** The dashboards' query variables, in declaration order (later ones may use earlier ones). */
  public List<Variable> variables() {
    return List.copyOf(variables);
  }

  /** The metric names an expression reads. */
  public static Set<String> metricNames(String expr) {
    String bare = expr.replaceAll("\\{[^}]*\\}", "{}").replaceAll("\"[^\"]*\"", "\"\"");
    Set<String> names = new LinkedHashSet<>();
    Matcher m = METRIC.matcher(bare);
    while (m.find()) {
      String name = m.group(1);
      if (!NOT_METRICS.contains(name) && !name.matches("[0-9].*")) {
        names.add(name);
      }
    }
    return names;
  }

  /**
   * The expression with {@code bool} after every comparison operator outside label matchers and
   * strings: filters become 0/1 values, so the result has a series wherever the compared data
   * exists, whatever the thresholds. Vector matching ({@code and on (...)}) is unchanged.
   */
  public static String withBoolComparisons(String expr) {
    StringBuilder out = new StringBuilder();
    int depth = 0;
    boolean inString = false;
    for (int i = 0; i < expr.length(); i++) {
      char c = expr.charAt(i);
      out.append(c);
      if (c == '"' && (i == 0 || expr.charAt(i - 1) != '\\')) {
        inString = !inString;
        continue;
      }
      if (inString) {
        continue;
      }
      if (c == '{') {
        depth++;
      } else if (c == '}') {
        depth--;
      } else if (depth == 0 && (c == '>' || c == '<' || c == '=' || c == '!')) {
        char next = i + 1 < expr.length() ? expr.charAt(i + 1) : ' ';
        boolean twoChar = next == '=';
        boolean comparison = c == '>' || c == '<' || twoChar;
        if (!comparison) {
          continue;
        }
        if (twoChar) {
          out.append(next);
          i++;
        }
        if (!expr.substring(i + 1).stripLeading().startsWith("bool")) {
          out.append(" bool");
        }
      }
    }
    return out.toString();
  }

  /**
   * {@code expr} with each {@code $name} replaced (longest names first) and Grafana's built-ins.
   */
  public static String substitute(String expr, Map<String, String> values) {
    Map<String, String> ordered = new LinkedHashMap<>();
    values.entrySet().stream()
        .sorted((a, b) -> b.getKey().length() - a.getKey().length())
        .forEach(e -> ordered.put(e.getKey(), e.getValue()));
    String out = expr.replace("$__rate_interval", "1m").replace("$__interval", "1s");
    for (Map.Entry<String, String> e : ordered.entrySet()) {
      out =
          out.replace("${" + e.getKey() + "}", e.getValue())
              .replace("$" + e.getKey(), e.getValue());
    }
    return out;
  }
}
