package io.isocore.report;

import java.util.List;
import java.util.Map;

/**
 * One run's latency distribution and its headline figures.
 *
 * @param label what the run was ("isocore off", "isocore on")
 * @param count how many latencies were recorded; 0 if unknown
 * @param points the distribution, by rising percentile
 * @param fullDistribution true if the points come from a histogram, false if only a few figures
 *     (p99.9, p99.99, max) were available
 * @param figures counts and latencies to compare between runs, in insertion order
 */
public record LatencyRun(
    String label,
    long count,
    List<PercentilePoint> points,
    boolean fullDistribution,
    Map<String, Long> figures) {

  public LatencyRun {
    points = List.copyOf(points);
    figures = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(figures));
  }
}
