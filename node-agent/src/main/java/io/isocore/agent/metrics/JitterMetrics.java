package io.isocore.agent.metrics;

import io.isocore.agent.probe.ProbeResults;
import io.isocore.agent.probe.ProbeWindow;
import io.isocore.agent.probe.ProbeWindowListener;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import org.HdrHistogram.HistogramIterationValue;

/**
 * The probe's series: every recorded gap into {@code isocore_cpu_jitter_seconds} (native and
 * classic buckets), counters of gaps and windows, and the last window's max, p99.99 and quarantine
 * state read from {@link ProbeResults} at scrape time.
 */
@Singleton
@Startup
public class JitterMetrics implements ProbeWindowListener {

  private final Histogram jitter;
  private final Counter gaps;
  private final Counter windows;

  /** Registers the series in {@code registry}. */
  public JitterMetrics(PrometheusRegistry registry, ProbeResults results) {
    jitter =
        Histogram.builder()
            .name("isocore_cpu_jitter_seconds")
            .help("Loop gaps at or above the probe threshold seen by the jitter probe, per CPU.")
            .unit(Unit.SECONDS)
            .labelNames("cpu")
            .classicUpperBounds(JitterBuckets.UPPER_BOUNDS_SECONDS)
            .withoutExemplars()
            .register(registry);
    gaps =
        Counter.builder()
            .name("isocore_cpu_jitter_gaps_total")
            .help("Loop gaps at or above the probe threshold, per CPU.")
            .labelNames("cpu")
            .withoutExemplars()
            .register(registry);
    windows =
        Counter.builder()
            .name("isocore_cpu_probe_windows_total")
            .help("Jitter probe windows completed, per CPU.")
            .labelNames("cpu")
            .withoutExemplars()
            .register(registry);
    GaugeWithCallback.builder()
        .name("isocore_cpu_jitter_max_seconds")
        .help("Longest loop gap in the last completed probe window.")
        .unit(Unit.SECONDS)
        .labelNames("cpu")
        .callback(cb -> results.lastWindows().forEach(w -> cb.call(w.maxGapNanos() / 1e9, cpu(w))))
        .register(registry);
    GaugeWithCallback.builder()
        .name("isocore_cpu_jitter_p9999_seconds")
        .help(
            "99.99th percentile of the gaps at or above the threshold in the last completed probe"
                + " window (0 when there were none).")
        .unit(Unit.SECONDS)
        .labelNames("cpu")
        .callback(cb -> results.lastWindows().forEach(w -> cb.call(w.p9999Nanos() / 1e9, cpu(w))))
        .register(registry);
    GaugeWithCallback.builder()
        .name("isocore_cpu_quarantined")
        .help("1 when the CPU's last window exceeded the profile's quarantine threshold.")
        .labelNames("cpu")
        .callback(
            cb -> {
              var quarantined = results.quarantined();
              results
                  .lastWindows()
                  .forEach(w -> cb.call(quarantined.contains(w.cpu()) ? 1 : 0, cpu(w)));
            })
        .register(registry);
  }

  private static String cpu(ProbeWindow w) {
    return Integer.toString(w.cpu());
  }

  @Override
  public void windowCompleted(
      ProbeWindow window, org.HdrHistogram.Histogram recorded, boolean quarantined) {
    String cpu = cpu(window);
    var series = jitter.labelValues(cpu);
    for (HistogramIterationValue v : recorded.recordedValues()) {
      double seconds = recorded.medianEquivalentValue(v.getValueIteratedTo()) / 1e9;
      for (long i = 0; i < v.getCountAddedInThisIterationStep(); i++) {
        series.observe(seconds);
      }
    }
    gaps.labelValues(cpu).inc(window.gaps());
    windows.labelValues(cpu).inc();
  }
}
