package io.isocore.report;

import java.awt.geom.Rectangle2D;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

/** A chart drawn as an SVG element to inline in the page (JFreeChart has no SVG export itself). */
final class SvgChart {

  private SvgChart() {}

  /**
   * The chart as one {@code <svg>} element. {@code id} prefixes the element's clip-path and
   * gradient ids, so several charts on one page do not share ids.
   */
  static String svg(JFreeChart chart, String id, int width, int height) {
    SVGGraphics2D g = new SVGGraphics2D(width, height);
    g.setDefsKeyPrefix(id + "_");
    chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
    return g.getSVGElement(id);
  }
}
