package io.isocore.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.ui.RectangleInsets;

/** One look for every chart on the page: white background, light grid, one palette. */
final class ChartStyle {

  /** Colour-blind safe (Okabe-Ito), the baseline run first. */
  static final Paint[] PALETTE = {
    new Color(0xD55E00),
    new Color(0x0072B2),
    new Color(0x009E73),
    new Color(0xE69F00),
    new Color(0xCC79A7),
    new Color(0x56B4E9),
    new Color(0xF0E442),
    new Color(0x999999),
  };

  static final Color GRID = new Color(0xDDDDDD);
  static final BasicStroke LINE = new BasicStroke(2f);

  private ChartStyle() {}

  static JFreeChart apply(JFreeChart chart, Plot plot) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.setAntiAlias(true);
    chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    plot.setBackgroundPaint(Color.WHITE);
    plot.setOutlinePaint(GRID);
    // Room on the right for the last tick label (the nines axis ends in a long one).
    chart.setPadding(new RectangleInsets(4, 8, 4, 40));
    return chart;
  }

  static Paint paint(int series) {
    return PALETTE[series % PALETTE.length];
  }
}
