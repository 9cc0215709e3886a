package io.isocore.report;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * An HdrHistogram in its compressed, base64 form (the payload of a {@code HistogramLogWriter} line)
 * turned into the percentile points HdrHistogram's own percentile distribution prints.
 */
public final class HistogramPercentiles {

  /** Percentile ticks per half distance to 100%, as {@code outputPercentileDistribution} uses. */
  private static final int TICKS_PER_HALF_DISTANCE = 5;

  private HistogramPercentiles() {}

  /** Decodes a base64 compressed histogram; the message names {@code where} when it cannot. */
  public static Histogram decode(String base64, String where) {
    try {
      byte[] bytes = Base64.getDecoder().decode(base64.trim());
      return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
    } catch (DataFormatException | RuntimeException e) {
      throw new IllegalArgumentException(
          where + ": not a base64 compressed HdrHistogram (" + e.getMessage() + ")", e);
    }
  }

  /** Encodes a histogram the way {@link #decode} reads it (for writers and tests). */
  public static String encode(Histogram histogram) {
    ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
    int length = histogram.encodeIntoCompressedByteBuffer(buffer);
    byte[] bytes = new byte[length];
    buffer.flip();
    buffer.get(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** The distribution by rising percentile, ending at the maximum (100%). */
  public static List<PercentilePoint> points(Histogram histogram) {
    List<PercentilePoint> points = new ArrayList<>();
    if (histogram.getTotalCount() == 0) {
      return points;
    }
    for (HistogramIterationValue v : histogram.percentiles(TICKS_PER_HALF_DISTANCE)) {
      long value = histogram.highestEquivalentValue(v.getValueIteratedTo());
      points.add(
          new PercentilePoint(
              v.getPercentileLevelIteratedTo(), Math.min(value, histogram.getMaxValue())));
    }
    return points;
  }
}
