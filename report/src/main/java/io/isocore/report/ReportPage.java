package io.isocore.report;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The report as one self-contained HTML page: charts inlined as SVG, no scripts, no links out, so
 * it opens from a file, a CI artifact or a mail attachment alike.
 */
public final class ReportPage {

  static final int WIDTH = 960;
  static final int HEIGHT = 520;

  private static final String STYLE =
      """
      body { font-family: sans-serif; margin: 24px auto; max-width: 1000px; color: #222; }
      h1 { font-size: 24px; } h2 { font-size: 19px; margin-top: 32px; }
      p.lead, p.how { color: #555; } figure { margin: 8px 0; }
      table { border-collapse: collapse; margin: 8px 0; }
      th, td { border: 1px solid #ccc; padding: 3px 8px; } th { background: #f3f3f3; }
      td.num { text-align: right; font-variant-numeric: tabular-nums; }
      ul.notes li, ul.sources li { color: #555; }
      """;

  private ReportPage() {}

  /** Renders the page. */
  public static String render(ReportInput input) {
    StringBuilder page = new StringBuilder();
    page.append("<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8>\n<title>")
        .append(Html.text(input.title()))
        .append("</title>\n<style>")
        .append(STYLE)
        .append("</style></head><body>\n<h1>")
        .append(Html.text(input.title()))
        .append("</h1>\n");
    List<LatencyRun> withPoints = input.runs().stream().filter(r -> !r.points().isEmpty()).toList();
    if (!withPoints.isEmpty()) {
      page.append("<h2>Latency by percentile</h2>\n<p class=how>")
          .append("x: percentile on the nines axis (each step one more nine; a run's maximum sits")
          .append(" at its last latency), y: latency in µs, log scale.</p>\n")
          .append(figure(withPoints));
    }
    if (!input.runs().isEmpty()) {
      page.append("<h2>Figures</h2>\n").append(ReportTables.figures(input.runs()));
    }
    if (input.runs().size() >= 2 && RatioChart.ratios(input.runs()).getColumnCount() > 0) {
      page.append("<h2>")
          .append(
              Html.text(input.runs().getFirst().label() + " vs " + RatioChart.others(input.runs())))
          .append("</h2>\n<p class=how>Each figure of the first run over the same figure of the")
          .append(" other: right of 1x the other run is lower (better); with two runs, bars right")
          .append(" of 1x are blue, bars left of it orange.</p>\n")
          .append(
              "<figure>"
                  + SvgChart.svg(
                      RatioChart.of(input.runs()), "ratio", WIDTH, 120 + 40 * ratioRows(input))
                  + "</figure>\n");
    }
    if (!input.noise().isEmpty()) {
      page.append("<h2>Noise by source over time</h2>\n");
      Map<Integer, List<NoiseWindow>> byCpu =
          input.noise().stream()
              .collect(Collectors.groupingBy(NoiseWindow::cpu, TreeMap::new, Collectors.toList()));
      byCpu.forEach(
          (cpu, windows) ->
              page.append("<p class=how>CPU ")
                  .append(cpu)
                  .append(
                      NoiseChart.bySeconds(windows)
                          ? ": noise time per second of each window (µs), stacked by source."
                          : ": interruptions per second of each window, stacked by source (the"
                              + " input gives no times).")
                  .append("</p>\n<figure>")
                  .append(SvgChart.svg(NoiseChart.of(cpu, windows), "noise" + cpu, WIDTH, HEIGHT))
                  .append("</figure>\n")
                  .append(ReportTables.noiseShares(windows)));
    }
    if (!input.notes().isEmpty()) {
      page.append("<h2>Notes</h2>\n<ul class=notes>\n");
      input.notes().forEach(n -> page.append("<li>").append(Html.text(n)).append("</li>\n"));
      page.append("</ul>\n");
    }
    page.append("<h2>Read from</h2>\n<ul class=sources>\n");
    input.sources().forEach(s -> page.append("<li>").append(Html.text(s)).append("</li>\n"));
    return page.append("</ul>\n<p class=how>Drawn by ./isocore report (JFreeChart, JFreeSVG).")
        .append("</p>\n</body></html>\n")
        .toString();
  }

  private static String figure(List<LatencyRun> runs) {
    return "<figure>"
        + SvgChart.svg(PercentileChart.of(runs), "latency", WIDTH, HEIGHT)
        + "</figure>\n";
  }

  private static int ratioRows(ReportInput input) {
    var data = RatioChart.ratios(input.runs());
    return data.getColumnCount() * Math.max(1, data.getRowCount());
  }
}
