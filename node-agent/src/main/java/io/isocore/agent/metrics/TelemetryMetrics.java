package io.isocore.agent.metrics;

import io.isocore.agent.host.HostRoot;
import io.isocore.agent.probe.ProbeResults;
import io.isocore.agent.telemetry.ContainerTelemetry;
import io.isocore.agent.telemetry.CpuSeries;
import io.isocore.agent.telemetry.CpuTelemetry;
import io.isocore.agent.telemetry.HeldCpuHealth;
import io.isocore.agent.telemetry.HeldCpus;
import io.isocore.agent.telemetry.NodeFacts;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Passive telemetry series, computed at scrape time: per-CPU interrupts, softirqs and schedstat;
 * per-container context switches, run-queue wait, migrations, page faults and real-time threads;
 * node CPU roles, hugepages and environment hazards. /proc is read once per scrape.
 */
@Singleton
@Startup
public class TelemetryMetrics {

  private final ScrapeFreshness cpuFresh;

  /** Registers every callback in {@code registry}. */
  public TelemetryMetrics(
      PrometheusRegistry registry,
      CpuTelemetry cpus,
      ContainerTelemetry containers,
      NodeFacts node,
      NodeCpuView view,
      HeldCpus held,
      ProbeResults probe,
      HeldCpuHealth heldHealth,
      HostRoot host,
      @ConfigProperty(name = KubeletPolicyFlag.KEY, defaultValue = "true") boolean kubeletCheck) {
    cpuFresh = new ScrapeFreshness(cpus::refresh, Duration.ofSeconds(1), System::nanoTime);

    cpuCounter(
        registry,
        "isocore_cpu_interrupts",
        "Interrupts per CPU and type from /proc/interrupts"
            + " (named rows; numbered IRQs summed as type=device).",
        () -> cpus.interrupts());
    cpuCounter(
        registry,
        "isocore_cpu_softirqs",
        "Softirqs per CPU and type from /proc/softirqs.",
        () -> cpus.softirqs());
    schedCounter(
        registry,
        cpus,
        "run",
        "isocore_cpu_schedstat_run_seconds",
        "Time tasks ran on the CPU, from /proc/schedstat (absent without CONFIG_SCHEDSTATS).");
    schedCounter(
        registry,
        cpus,
        "wait",
        "isocore_cpu_schedstat_wait_seconds",
        "Time tasks waited on the CPU's run queue, from /proc/schedstat (absent without"
            + " CONFIG_SCHEDSTATS).");

    new ContainerMetrics(
            new ScrapeFreshness(containers::refresh, Duration.ofSeconds(1), System::nanoTime))
        .register(registry, containers, node);
    new NodeMetrics(node, new KubeletPolicyFlag(node, kubeletCheck, host.kubeletCpuManagerState()))
        .register(registry, view, held, probe, heldHealth);
  }

  private void cpuCounter(
      PrometheusRegistry registry,
      String name,
      String help,
      java.util.function.Supplier<Map<CpuSeries, Long>> values) {
    CounterWithCallback.builder()
        .name(name)
        .help(help)
        .labelNames("cpu", "type")
        .callback(
            cb -> {
              cpuFresh.ensureFresh();
              values.get().forEach((s, v) -> cb.call(v, Integer.toString(s.cpu()), s.type()));
            })
        .register(registry);
  }

  private void schedCounter(
      PrometheusRegistry registry, CpuTelemetry cpus, String type, String name, String help) {
    CounterWithCallback.builder()
        .name(name)
        .help(help)
        .unit(Unit.SECONDS)
        .labelNames("cpu")
        .callback(
            cb -> {
              cpuFresh.ensureFresh();
              cpus.schedstat()
                  .forEach(
                      (s, v) -> {
                        if (s.type().equals(type)) {
                          cb.call(v / 1e9, Integer.toString(s.cpu()));
                        }
                      });
            })
        .register(registry);
  }
}
