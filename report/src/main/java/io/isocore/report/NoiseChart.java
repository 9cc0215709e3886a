package io.isocore.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StackedXYAreaRenderer2;
import org.jfree.data.xy.DefaultTableXYDataset;
import org.jfree.data.xy.XYSeries;

/**
 * Noise on one CPU by source over time, stacked: each window's noise per second, split by source.
 * The top sources over the whole run keep their names; the rest are summed as {@code other}, so a
 * long run does not draw a hundred thin bands.
 */
final class NoiseChart {

  static final int TOP_SOURCES = 6;

  private NoiseChart() {}

  /** Noise per second, by source then by time; the top sources first, then "other". */
  static Map<String, TreeMap<Double, Double>> bands(List<NoiseWindow> windows, boolean bySeconds) {
    Map<String, Double> totals = new LinkedHashMap<>();
    for (NoiseWindow w : windows) {
      for (NoiseSource s : w.sources()) {
        totals.merge(s.name(), value(s, bySeconds), Double::sum);
      }
    }
    List<String> top =
        totals.entrySet().stream()
            .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
            .limit(totals.size() > TOP_SOURCES + 1 ? TOP_SOURCES : TOP_SOURCES + 1)
            .map(Map.Entry::getKey)
            .toList();
    Map<String, TreeMap<Double, Double>> bands = new LinkedHashMap<>();
    top.forEach(name -> bands.put(name, new TreeMap<>()));
    if (totals.size() > top.size()) {
      bands.put("other", new TreeMap<>());
    }
    for (NoiseWindow w : windows) {
      // A window is a step: the same height from its start to (just before) its end, so one
      // window alone still draws and windows of different lengths read right.
      double start = w.atSeconds();
      double end = w.atSeconds() + w.windowSeconds() * (1 - 1e-6);
      for (double x : new double[] {start, end}) {
        bands.values().forEach(band -> band.putIfAbsent(x, 0.0));
        for (NoiseSource s : w.sources()) {
          String band = bands.containsKey(s.name()) ? s.name() : "other";
          bands.get(band).merge(x, value(s, bySeconds) / w.windowSeconds(), Double::sum);
        }
      }
    }
    return bands;
  }

  /** True if every source in every window says how long it took: then the chart shows time. */
  static boolean bySeconds(List<NoiseWindow> windows) {
    return windows.stream()
        .flatMap(w -> w.sources().stream())
        .allMatch(s -> s.seconds().isPresent());
  }

  static JFreeChart of(int cpu, List<NoiseWindow> windows) {
    boolean bySeconds = bySeconds(windows);
    DefaultTableXYDataset data = new DefaultTableXYDataset();
    List<String> names = new ArrayList<>();
    bands(windows, bySeconds)
        .forEach(
            (name, points) -> {
              XYSeries series = new XYSeries(name, true, false);
              points.forEach(series::add);
              data.addSeries(series);
              names.add(name);
            });
    StackedXYAreaRenderer2 renderer = new StackedXYAreaRenderer2();
    for (int i = 0; i < names.size(); i++) {
      renderer.setSeriesPaint(
          i, names.get(i).equals("other") ? ChartStyle.PALETTE[7] : ChartStyle.paint(i));
    }
    NumberAxis time = new NumberAxis("seconds from the start");
    time.setAutoRangeIncludesZero(false);
    time.setLowerMargin(0);
    time.setUpperMargin(0);
    NumberAxis noise =
        new NumberAxis(bySeconds ? "noise (µs per second)" : "interruptions per second");
    XYPlot plot = new XYPlot(data, time, noise, renderer);
    plot.setDomainGridlinePaint(ChartStyle.GRID);
    plot.setRangeGridlinePaint(ChartStyle.GRID);
    JFreeChart chart =
        new JFreeChart(
            "CPU " + cpu + ": noise by source", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    return ChartStyle.apply(chart, plot);
  }

  private static double value(NoiseSource s, boolean bySeconds) {
    return bySeconds ? s.seconds().orElse(0) * 1e6 : s.events();
  }
}
