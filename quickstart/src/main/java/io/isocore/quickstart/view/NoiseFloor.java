package io.isocore.quickstart.view;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The noise floor of one idle isolated CPU as the agent's jitter probe measured it, read from the
 * agent's {@code /metrics}: the "before" the quickstart shows before the latency pod takes the CPU.
 *
 * @param cpu the CPU
 * @param windows probe windows completed on it
 * @param gaps loop gaps at or above the probe threshold, all windows
 * @param maxMicros the longest gap of the last window
 * @param p99Micros the 99th percentile of the gaps, as the upper bound of its histogram bucket
 * @param p9999Micros the 99.99th percentile of the last window's gaps (0 when there were none)
 * @param series the {@code isocore_cpu_jitter_*} series names the agent exports for the CPU
 */
public record NoiseFloor(
    int cpu,
    long windows,
    long gaps,
    double maxMicros,
    double p99Micros,
    double p9999Micros,
    Set<String> series) {

  private static final Pattern SAMPLE =
      Pattern.compile("(?m)^(isocore_cpu_\\w+)\\{([^}]*)} (\\S+)$");

  /** Parses the agent's metrics text; empty when no window on {@code cpu} has completed. */
  public static Optional<NoiseFloor> parse(String metrics, int cpu) {
    String label = "cpu=\"" + cpu + "\"";
    double windows = 0;
    double gaps = 0;
    double max = 0;
    double p9999 = 0;
    Set<String> series = new TreeSet<>();
    TreeMap<Double, Double> buckets = new TreeMap<>();
    Matcher m = SAMPLE.matcher(metrics);
    while (m.find()) {
      String name = m.group(1);
      String labels = m.group(2);
      if (!("," + labels + ",").contains("," + label + ",")) {
        continue;
      }
      double value = Double.parseDouble(m.group(3));
      if (name.startsWith("isocore_cpu_jitter_")) {
        series.add(name);
      }
      switch (name) {
        case "isocore_cpu_probe_windows_total" -> windows = value;
        case "isocore_cpu_jitter_gaps_total" -> gaps = value;
        case "isocore_cpu_jitter_max_seconds" -> max = value;
        case "isocore_cpu_jitter_p9999_seconds" -> p9999 = value;
        case "isocore_cpu_jitter_seconds_bucket" -> bucket(labels, value, buckets);
        default -> {}
      }
    }
    if (windows < 1) {
      return Optional.empty();
    }
    return Optional.of(
        new NoiseFloor(
            cpu,
            (long) windows,
            (long) gaps,
            max * 1e6,
            p99(buckets, max) * 1e6,
            p9999 * 1e6,
            series));
  }

  private static void bucket(String labels, double count, TreeMap<Double, Double> buckets) {
    Matcher le = Pattern.compile("le=\"([^\"]+)\"").matcher(labels);
    if (le.find()) {
      String bound = le.group(1);
      buckets.put(
          bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound), count);
    }
  }

  /** The smallest bucket bound holding 99% of the gaps (the max when beyond the last bound). */
  private static double p99(TreeMap<Double, Double> cumulative, double max) {
    Double total = cumulative.get(Double.POSITIVE_INFINITY);
    if (total == null || total == 0) {
      return 0;
    }
    for (var e : cumulative.entrySet()) {
      if (e.getValue() >= 0.99 * total) {
        return Double.isInfinite(e.getKey()) ? max : Math.min(e.getKey(), max);
      }
    }
    return max;
  }

  /** Scrapes {@code metrics} until a window on {@code cpu} is there or {@code timeout} passes. */
  public static Optional<NoiseFloor> await(URI metrics, int cpu, Duration timeout)
      throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    do {
      Optional<NoiseFloor> floor = scrape(http, metrics).flatMap(text -> parse(text, cpu));
      if (floor.isPresent()) {
        return floor;
      }
      Thread.sleep(500);
    } while (System.nanoTime() < deadline);
    return Optional.empty();
  }

  /** One GET of the agent's metrics text; empty when it does not answer 200. */
  static Optional<String> scrape(HttpClient http, URI metrics) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(metrics)
                  .header("Accept", "text/plain")
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** The "before" line. */
  public String line() {
    return String.format(
        Locale.ROOT,
        "noise floor of idle isolated CPU %d before the latency pod (agent jitter probe, %d"
            + " window%s): max %.1f µs, p99 <= %.1f µs, p99.99 %.1f µs, %d gaps >= threshold",
        cpu,
        windows,
        windows == 1 ? "" : "s",
        maxMicros,
        p99Micros,
        p9999Micros,
        gaps);
  }
}
