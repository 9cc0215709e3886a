package io.isocore.report;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The figures behind the charts, as HTML tables. */
final class ReportTables {

  private ReportTables() {}

  /** One row per figure, one column per run, and the baseline's ratio to each other run. */
  static String figures(List<LatencyRun> runs) {
    Set<String> names = new LinkedHashSet<>();
    runs.forEach(r -> names.addAll(r.figures().keySet()));
    StringBuilder t = new StringBuilder("<table><tr><th>figure</th>");
    runs.forEach(r -> t.append("<th>").append(Html.text(r.label())).append("</th>"));
    for (LatencyRun r : runs.subList(1, runs.size())) {
      t.append("<th>")
          .append(Html.text(runs.getFirst().label() + " / " + r.label()))
          .append("</th>");
    }
    t.append("</tr>\n");
    for (String name : names) {
      t.append("<tr><td>").append(Html.text(name)).append("</td>");
      for (LatencyRun r : runs) {
        Long v = r.figures().get(name);
        t.append("<td class=num>").append(v == null ? "" : String.format(Locale.ROOT, "%,d", v));
        t.append("</td>");
      }
      Long base = runs.getFirst().figures().get(name);
      for (LatencyRun r : runs.subList(1, runs.size())) {
        Long v = r.figures().get(name);
        String ratio =
            base == null || v == null || v == 0
                ? "n/a"
                : String.format(Locale.ROOT, "%.2fx", (double) base / v);
        t.append("<td class=num>").append(ratio).append("</td>");
      }
      t.append("</tr>\n");
    }
    return t.append("</table>\n").toString();
  }

  /** Each source's events and share of the CPU's noise over every window. */
  static String noiseShares(List<NoiseWindow> windows) {
    boolean bySeconds = NoiseChart.bySeconds(windows);
    Map<String, long[]> events = new LinkedHashMap<>();
    Map<String, Double> amount = new LinkedHashMap<>();
    Map<String, String> kinds = new LinkedHashMap<>();
    for (NoiseWindow w : windows) {
      for (NoiseSource s : w.sources()) {
        events.computeIfAbsent(s.name(), k -> new long[1])[0] += s.events();
        amount.merge(
            s.name(), bySeconds ? s.seconds().orElse(0) : (double) s.events(), Double::sum);
        kinds.putIfAbsent(s.name(), s.kind());
      }
    }
    double total = amount.values().stream().mapToDouble(Double::doubleValue).sum();
    StringBuilder t = new StringBuilder("<table><tr><th>source</th><th>kind</th><th>events</th>");
    t.append(bySeconds ? "<th>noise (µs)</th>" : "").append("<th>share</th></tr>\n");
    amount.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .forEach(
            e -> {
              String name = e.getKey();
              t.append("<tr><td>").append(Html.text(name)).append("</td><td>");
              t.append(Html.text(kinds.get(name))).append("</td><td class=num>");
              t.append(String.format(Locale.ROOT, "%,d", events.get(name)[0])).append("</td>");
              if (bySeconds) {
                t.append(
                    String.format(Locale.ROOT, "<td class=num>%,.1f</td>", e.getValue() * 1e6));
              }
              double share = total > 0 ? e.getValue() / total : 0;
              t.append(String.format(Locale.ROOT, "<td class=num>%.1f%%</td></tr>%n", share * 100));
            });
    return t.append("</table>\n").toString();
  }
}
