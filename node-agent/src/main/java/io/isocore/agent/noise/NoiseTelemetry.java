package io.isocore.agent.noise;

import io.isocore.agent.host.HostRoot;
import io.isocore.core.noise.CounterTable;
import io.isocore.core.noise.NoiseAttribution;
import io.isocore.core.noise.NoiseSnapshot;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Periodic noise attribution in the agent, on its own window (default 10 s) and independent of the
 * probe: every window it snapshots {@code /proc/interrupts}, {@code /proc/softirqs} and {@code
 * /proc/stat} (no thread walk, to keep the cost to a few file reads), attributes each CPU's
 * interrupts, softirqs and steal (top 3 + other), and adds the result to {@link NoiseCounters},
 * exported as {@code isocore_cpu_noise_seconds_total} and {@code isocore_cpu_noise_events_total}.
 * Without a probe figure, seconds are the correlation's cost estimate. Each CPU's top three of its
 * last window go into NodeTopology cpuHealth through {@link
 * io.isocore.agent.probe.ProbeResults#noiseSources}. On unless {@code isocore.noise.enabled=false}.
 */
@Singleton
@Startup
public class NoiseTelemetry {

  private static final Logger LOG = Logger.getLogger(NoiseTelemetry.class);

  /** Sources kept per CPU and window before {@code other}. */
  static final int TOP = 3;

  private final NoiseCounters counters = new NoiseCounters();
  private final ProcNoiseReader reader;
  private ScheduledExecutorService executor;
  private NoiseSnapshot previous;

  /** Registers the two counters and, when enabled, starts the window. */
  public NoiseTelemetry(
      PrometheusRegistry registry,
      HostRoot host,
      io.isocore.agent.probe.ProbeResults health,
      @ConfigProperty(name = "isocore.noise.enabled", defaultValue = "true") boolean enabled,
      @ConfigProperty(name = "isocore.noise.window", defaultValue = "10s") Duration window) {
    this.reader = new ProcNoiseReader(host.root());
    if (!enabled) {
      return;
    }
    register(registry, counters);
    health.noiseSources(this::topSources);
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("isocore-noise").daemon().unstarted(r));
    long ms = Math.max(1000, window.toMillis());
    executor.scheduleWithFixedDelay(this::safeWindow, 0, ms, TimeUnit.MILLISECONDS);
  }

  /**
   * A CPU's top three sources of its last window, as NodeTopology cpuHealth carries them (null
   * before the first window).
   */
  java.util.List<io.isocore.api.v1alpha1.NoiseSourceShare> topSources(int cpu) {
    var sources = counters.latest().get(cpu);
    if (sources == null || sources.isEmpty()) {
      return null;
    }
    return sources.stream()
        .limit(3)
        .map(
            s ->
                new io.isocore.api.v1alpha1.NoiseSourceShare(
                    s.name().length() <= 64 ? s.name() : s.name().substring(0, 64),
                    s.kind().label(),
                    Math.round(Math.max(0, Math.min(1, s.share())) * 1000) / 1000.0))
        .toList();
  }

  /** The running totals (also what a cpuHealth feed would read: {@link NoiseCounters#latest}). */
  public NoiseCounters counters() {
    return counters;
  }

  private void safeWindow() {
    try {
      window();
    } catch (RuntimeException e) {
      LOG.warnf("noise attribution window failed: %s", e.toString());
    }
  }

  /** Closes the current window and opens the next one. */
  void window() {
    NoiseSnapshot now = reader.snapshot(false);
    if (previous != null) {
      for (int cpu : cpus(now)) {
        counters.add(
            NoiseAttribution.attribute(
                previous, now, cpu, NoiseAttribution.Probe.NONE, Optional.empty(), Set.of(), TOP));
      }
    }
    previous = now;
  }

  private static Set<Integer> cpus(NoiseSnapshot s) {
    Set<Integer> cpus = new TreeSet<>(s.times().keySet());
    for (CounterTable.Row row : s.interrupts().rows()) {
      cpus.addAll(row.perCpu().keySet());
    }
    return cpus;
  }

  static void register(PrometheusRegistry registry, NoiseCounters counters) {
    CounterWithCallback.builder()
        .name("isocore_cpu_noise_seconds")
        .help(
            "Noise time attributed to each source per CPU (top sources per CPU plus other;"
                + " a correlation estimate unless the kernel measures it, docs/noise.md).")
        .unit(Unit.SECONDS)
        .labelNames("cpu", "source")
        .callback(
            cb ->
                counters
                    .totals()
                    .forEach((k, v) -> cb.call(v.seconds(), Integer.toString(k.cpu()), k.source())))
        .register(registry);
    CounterWithCallback.builder()
        .name("isocore_cpu_noise_events")
        .help("Interruptions counted per source per CPU (top sources per CPU plus other).")
        .labelNames("cpu", "source")
        .callback(
            cb ->
                counters
                    .totals()
                    .forEach((k, v) -> cb.call(v.events(), Integer.toString(k.cpu()), k.source())))
        .register(registry);
  }

  @PreDestroy
  void stop() {
    if (executor != null) {
      executor.shutdownNow();
    }
  }
}
