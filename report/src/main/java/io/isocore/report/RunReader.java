package io.isocore.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** One latency run from a result file's {@code runs[]} entry or from a quickstart summary. */
final class RunReader {

  static final String P999 = "p99.9 latency (ns)";
  static final String P9999 = "p99.99 latency (ns)";
  static final String MAX = "max latency (ns)";

  private RunReader() {}

  /** An {@code isocore-result/v1} run: a histogram or percentiles, and free-form figures. */
  static LatencyRun result(JsonNode run, String label, String where, List<String> notes) {
    JsonNode latency = run.path("latency");
    Map<String, Long> figures = new LinkedHashMap<>();
    LatencyRun distribution;
    if (latency.hasNonNull("histogram")) {
      distribution = fromHistogram(label, latency.get("histogram").asText(), where);
    } else if (latency.has("percentiles")) {
      distribution = fromPercentiles(label, latency, where);
      notes.add(where + ": percentiles given, no histogram; the curve joins the given points");
    } else {
      distribution = new LatencyRun(label, 0, List.of(), false, Map.of());
      notes.add(where + ": no latency (neither histogram nor percentiles)");
    }
    figures.putAll(distribution.figures());
    run.path("figures")
        .properties()
        .forEach(
            e -> {
              if (!e.getValue().isNumber()) {
                throw new IllegalArgumentException(
                    where + ".figures." + e.getKey() + ": expected a number, got " + e.getValue());
              }
              figures.put(e.getKey(), e.getValue().asLong());
            });
    return new LatencyRun(
        label,
        distribution.count(),
        distribution.points(),
        distribution.fullDistribution(),
        figures);
  }

  /** The quickstart's {@code --summary} JSON (quickstart/view/RunSummary). */
  static LatencyRun summary(JsonNode root, String label, String where, List<String> notes) {
    JsonNode latency = root.path("latency");
    Map<String, Long> figures = new LinkedHashMap<>();
    LatencyRun distribution = new LatencyRun(label, 0, List.of(), false, Map.of());
    if (latency.hasNonNull("histogram")) {
      distribution = fromHistogram(label, latency.get("histogram").asText(), where + " latency");
      figures.putAll(distribution.figures());
    } else if (latency.isObject()) {
      long count = latency.path("iterations").asLong();
      List<PercentilePoint> points = new ArrayList<>();
      points.add(new PercentilePoint(99.9, latency.path("p999Nanos").asLong()));
      points.add(new PercentilePoint(99.99, latency.path("p9999Nanos").asLong()));
      points.add(new PercentilePoint(100, latency.path("maxNanos").asLong()));
      distribution = new LatencyRun(label, count, points, false, Map.of());
      figures.put(P999, latency.path("p999Nanos").asLong());
      figures.put(P9999, latency.path("p9999Nanos").asLong());
      figures.put(MAX, latency.path("maxNanos").asLong());
      notes.add(
          where
              + ": no latency.histogram in the summary; the distribution shows p99.9, p99.99 and"
              + " max only");
    }
    if (latency.has("gapsOver10us")) {
      figures.put("gaps of 10 µs or more", latency.get("gapsOver10us").asLong());
    }
    figures.put("involuntary context switches", root.path("involuntaryContextSwitches").asLong());
    figures.put("interrupts on its CPUs", root.path("interruptsOnItsCpus").asLong());
    return new LatencyRun(
        label,
        distribution.count(),
        distribution.points(),
        distribution.fullDistribution(),
        figures);
  }

  private static LatencyRun fromHistogram(String label, String base64, String where) {
    Histogram h = HistogramPercentiles.decode(base64, where);
    Map<String, Long> figures = new LinkedHashMap<>();
    figures.put(P999, h.getValueAtPercentile(99.9));
    figures.put(P9999, h.getValueAtPercentile(99.99));
    figures.put(MAX, h.getMaxValue());
    return new LatencyRun(label, h.getTotalCount(), HistogramPercentiles.points(h), true, figures);
  }

  private static LatencyRun fromPercentiles(String label, JsonNode latency, String where) {
    List<PercentilePoint> points = new ArrayList<>();
    int i = 0;
    for (JsonNode p : latency.path("percentiles")) {
      if (!p.path("percentile").isNumber() || !p.path("nanos").isNumber()) {
        throw new IllegalArgumentException(
            where + ".latency.percentiles[" + i + "]: expected {\"percentile\": n, \"nanos\": n}");
      }
      double percentile = p.get("percentile").asDouble();
      if (percentile < 0 || percentile > 100) {
        throw new IllegalArgumentException(
            where
                + ".latency.percentiles["
                + i
                + "]: percentile "
                + percentile
                + " is outside 0-100");
      }
      points.add(new PercentilePoint(percentile, p.get("nanos").asLong()));
      i++;
    }
    points.sort(java.util.Comparator.comparingDouble(PercentilePoint::percentile));
    Map<String, Long> figures = new LinkedHashMap<>();
    at(points, 99.9).ifPresent(v -> figures.put(P999, v));
    at(points, 99.99).ifPresent(v -> figures.put(P9999, v));
    if (!points.isEmpty() && points.getLast().percentile() == 100) {
      figures.put(MAX, points.getLast().nanos());
    }
    return new LatencyRun(label, latency.path("count").asLong(), points, false, figures);
  }

  private static java.util.Optional<Long> at(List<PercentilePoint> points, double percentile) {
    return points.stream()
        .filter(p -> Math.abs(p.percentile() - percentile) < 1e-9)
        .map(PercentilePoint::nanos)
        .findFirst();
  }
}
