package io.isocore.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.math.BigDecimal;
import java.math.MathContext;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * isocore off vs on: for every figure both runs have, the baseline's value over the other run's, as
 * bars from 1x on a log axis. Right of 1x the other run (isocore on) is lower, that is better.
 */
final class RatioChart {

  private RatioChart() {}

  /** The ratios, figure by figure; a figure that is 0 in either run has no ratio. */
  static DefaultCategoryDataset ratios(List<LatencyRun> runs) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    LatencyRun baseline = runs.getFirst();
    for (LatencyRun run : runs.subList(1, runs.size())) {
      String row = baseline.label() + " / " + run.label();
      for (Map.Entry<String, Long> figure : baseline.figures().entrySet()) {
        Long other = run.figures().get(figure.getKey());
        if (other != null && other > 0 && figure.getValue() > 0) {
          data.addValue((double) figure.getValue() / other, row, figure.getKey());
        }
      }
    }
    return data;
  }

  /** Two significant digits and an x: 0.0017x, 0.12x, 1.8x, 51x, 4300x. */
  static NumberFormat ratioFormat() {
    return new NumberFormat() {
      @Override
      public StringBuffer format(double v, StringBuffer to, FieldPosition pos) {
        BigDecimal d = new BigDecimal(v).round(new MathContext(2));
        return to.append(d.stripTrailingZeros().toPlainString()).append('x');
      }

      @Override
      public StringBuffer format(long v, StringBuffer to, FieldPosition pos) {
        return format((double) v, to, pos);
      }

      @Override
      public Number parse(String source, ParsePosition pos) {
        throw new UnsupportedOperationException("ratios are only printed");
      }
    };
  }

  static JFreeChart of(List<LatencyRun> runs) {
    DefaultCategoryDataset data = ratios(runs);
    LogAxis axis = new LogAxis("ratio, log scale (right of 1x: lower with " + others(runs) + ")");
    axis.setBase(10);
    axis.setSmallestValue(0.01);
    axis.setNumberFormatOverride(ratioFormat());
    double low = 1;
    double high = 1;
    for (int r = 0; r < data.getRowCount(); r++) {
      for (int c = 0; c < data.getColumnCount(); c++) {
        Number v = data.getValue(r, c);
        if (v != null) {
          low = Math.min(low, v.doubleValue());
          high = Math.max(high, v.doubleValue());
        }
      }
    }
    axis.setRange(low / 2, high * 2);
    if (high / low > 100) {
      // Over two decades, one tick per power of ten; closer ratios keep the finer default ticks.
      axis.setTickUnit(new NumberTickUnit(1), false, false);
      axis.setAutoTickUnitSelection(false);
    }
    BarRenderer renderer = data.getRowCount() == 1 ? byDirection(data) : new BarRenderer();
    renderer.setBase(1);
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    renderer.setDefaultItemLabelGenerator(
        new StandardCategoryItemLabelGenerator("{2}", ratioFormat()));
    renderer.setDefaultItemLabelsVisible(true);
    for (int i = 0; i < data.getRowCount(); i++) {
      renderer.setSeriesPaint(i, ChartStyle.paint(i + 1));
    }
    CategoryPlot plot = new CategoryPlot(data, new CategoryAxis(null), axis, renderer);
    plot.setOrientation(PlotOrientation.HORIZONTAL);
    plot.setRangeGridlinePaint(ChartStyle.GRID);
    plot.addRangeMarker(new ValueMarker(1, Color.DARK_GRAY, new BasicStroke(1.5f)));
    JFreeChart chart =
        new JFreeChart(
            runs.getFirst().label() + " vs " + others(runs) + ", figure by figure",
            JFreeChart.DEFAULT_TITLE_FONT,
            plot,
            data.getRowCount() > 1);
    return ChartStyle.apply(chart, plot);
  }

  /**
   * With one pair of runs, a bar's colour says which way it goes: blue right of 1x (lower with the
   * second run), orange left of it (higher).
   */
  private static BarRenderer byDirection(DefaultCategoryDataset data) {
    return new BarRenderer() {
      @Override
      public Paint getItemPaint(int row, int column) {
        Number v = data.getValue(row, column);
        return v != null && v.doubleValue() < 1 ? ChartStyle.paint(0) : ChartStyle.paint(1);
      }
    };
  }

  /** The runs compared with the first: its label when there is one, else "the other runs". */
  static String others(List<LatencyRun> runs) {
    return runs.size() == 2 ? runs.get(1).label() : "the other runs";
  }
}
