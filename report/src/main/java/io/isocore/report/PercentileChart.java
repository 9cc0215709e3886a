package io.isocore.report;

import java.awt.BasicStroke;
import java.awt.geom.Ellipse2D;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Latency by percentile, one line per run, on the nines axis (x) and a log latency axis in µs (y):
 * the form jHiccup and HdrHistogram plots take, where the tail is as wide as the body.
 */
final class PercentileChart {

  /** Latencies under 1 ns (a zero from a coarse clock) are drawn at 1 ns: log axes have no 0. */
  private static final double FLOOR_MICROS = 0.001;

  private static final float[] DASH = {6, 4};

  private PercentileChart() {}

  static JFreeChart of(List<LatencyRun> runs) {
    XYSeriesCollection data = new XYSeriesCollection();
    double maxX = 1;
    for (LatencyRun run : runs) {
      XYSeries series = new XYSeries(legend(run), false, true);
      double lastX = 0;
      for (PercentilePoint p : run.points()) {
        double x = NinesScale.x(p.percentile(), run.count());
        if (Double.isNaN(x)) {
          x = lastX + 1; // the maximum of an unknown count: one nine past the last point
        }
        lastX = x;
        series.add(x, Math.max(FLOOR_MICROS, p.nanos() / 1000.0));
      }
      maxX = Math.max(maxX, lastX);
      data.addSeries(series);
    }
    NumberAxis xAxis = new NumberAxis("percentile");
    xAxis.setRange(0, Math.max(1, Math.ceil(maxX - 1e-9)));
    xAxis.setTickUnit(new NumberTickUnit(1, NinesScale.format()));
    LogAxis yAxis = new LogAxis("latency (µs)");
    yAxis.setBase(10);
    yAxis.setSmallestValue(FLOOR_MICROS);
    yAxis.setNumberFormatOverride(
        new DecimalFormat("#,##0.###", DecimalFormatSymbols.getInstance(Locale.ROOT)));
    // One tick per power of ten: 0.01, 0.1, 1, 10 µs ... (the default also ticks half decades).
    yAxis.setTickUnit(new NumberTickUnit(1), false, false);
    yAxis.setAutoTickUnitSelection(false);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    for (int i = 0; i < runs.size(); i++) {
      renderer.setSeriesPaint(i, ChartStyle.paint(i));
      renderer.setSeriesStroke(i, ChartStyle.LINE);
      // A run known only at a few percentiles: markers joined by a dashed line, which says
      // "nothing measured in between" rather than drawing a curve that was never seen.
      boolean sparse = !runs.get(i).fullDistribution();
      renderer.setSeriesShapesVisible(i, sparse);
      if (sparse) {
        renderer.setSeriesStroke(
            i, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, DASH, 0));
      }
      renderer.setSeriesShape(i, new Ellipse2D.Double(-4, -4, 8, 8));
    }
    XYPlot plot = new XYPlot(data, xAxis, yAxis, renderer);
    plot.setOrientation(PlotOrientation.VERTICAL);
    plot.setDomainGridlinePaint(ChartStyle.GRID);
    plot.setRangeGridlinePaint(ChartStyle.GRID);
    JFreeChart chart =
        new JFreeChart("Latency by percentile", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    return ChartStyle.apply(chart, plot);
  }

  private static String legend(LatencyRun run) {
    String count = run.count() > 0 ? String.format(Locale.ROOT, "%,d latencies", run.count()) : "";
    String sparse = run.fullDistribution() ? "" : run.points().size() + " points only";
    String detail =
        String.join("; ", List.of(count, sparse).stream().filter(s -> !s.isEmpty()).toList());
    return detail.isEmpty() ? run.label() : run.label() + " (" + detail + ")";
  }
}
