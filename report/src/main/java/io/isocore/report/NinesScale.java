package io.isocore.report;

import java.text.DecimalFormat;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Locale;

/**
 * The "nines" percentile axis jHiccup and HdrHistogram plots use: x = log10(1 / (1 - p)), so 90% is
 * 1, 99% is 2, 99.9% is 3 and every further nine one more step; the maximum of n latencies sits at
 * log10(n), the place of the last one.
 */
public final class NinesScale {

  private NinesScale() {}

  /**
   * The axis position of a percentile (0-100) of {@code count} latencies; 100% (the maximum) is
   * log10(count), and no point goes beyond it. With an unknown count (0 or 1) the maximum has no
   * place: NaN.
   */
  public static double x(double percentile, long count) {
    double cap = count > 1 ? Math.log10(count) : Double.POSITIVE_INFINITY;
    if (percentile >= 100) {
      return count > 1 ? cap : Double.NaN;
    }
    return Math.min(-Math.log10(1 - percentile / 100), cap);
  }

  /** The percentile an axis position stands for, as a label: 0 "0%", 3 "99.9%", 1.5 "96.8%". */
  public static String label(double x) {
    if (x <= 0) {
      return "0%";
    }
    long nines = Math.round(x);
    if (Math.abs(x - nines) < 1e-9) {
      if (nines == 1) {
        return "90%";
      }
      return "99" + (nines > 2 ? "." + "9".repeat((int) nines - 2) : "") + "%";
    }
    DecimalFormat f = new DecimalFormat("0.####", new java.text.DecimalFormatSymbols(Locale.ROOT));
    return f.format(100 * (1 - Math.pow(10, -x))) + "%";
  }

  /** {@link #label} as a {@link NumberFormat}, for a chart axis. */
  public static NumberFormat format() {
    return new NumberFormat() {
      @Override
      public StringBuffer format(double number, StringBuffer to, FieldPosition pos) {
        return to.append(label(number));
      }

      @Override
      public StringBuffer format(long number, StringBuffer to, FieldPosition pos) {
        return to.append(label(number));
      }

      @Override
      public Number parse(String source, ParsePosition pos) {
        throw new UnsupportedOperationException("the nines axis is only printed");
      }
    };
  }
}
