package io.isocore.agent.metrics;

import io.isocore.agent.probe.ProbeResults;
import io.isocore.agent.telemetry.ContainerRef;
import io.isocore.agent.telemetry.ContainerTelemetry;
import io.isocore.agent.telemetry.ContainerTelemetry.Counter;
import io.isocore.agent.telemetry.CpuSeries;
import io.isocore.agent.telemetry.CpuTelemetry;
import io.isocore.agent.telemetry.HeldCpus;
import io.isocore.agent.telemetry.NodeFacts;
import io.isocore.core.cpu.CpuSet;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Passive telemetry series, computed at scrape time: per-CPU interrupts, softirqs and schedstat;
 * per-container context switches, run-queue wait, migrations, page faults and real-time threads;
 * node CPU roles, hugepages and environment hazards. /proc is read once per scrape.
 */
@Singleton
@Startup
public class TelemetryMetrics {

  private final ScrapeFreshness cpuFresh;
  private final ScrapeFreshness containerFresh;
  private final ScrapeFreshness irqbalanceFresh;
  private volatile boolean irqbalance;

  /** Registers every callback in {@code registry}. */
  public TelemetryMetrics(
      PrometheusRegistry registry,
      CpuTelemetry cpus,
      ContainerTelemetry containers,
      NodeFacts node,
      NodeCpuView view,
      HeldCpus held,
      ProbeResults probe) {
    cpuFresh = new ScrapeFreshness(cpus::refresh, Duration.ofSeconds(1), System::nanoTime);
    containerFresh =
        new ScrapeFreshness(containers::refresh, Duration.ofSeconds(1), System::nanoTime);
    // a walk over every /proc/<pid>/comm: once a minute is enough for a daemon's presence
    irqbalanceFresh =
        new ScrapeFreshness(
            () -> irqbalance = node.irqbalanceRunning(), Duration.ofSeconds(60), System::nanoTime);

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

    CounterWithCallback.builder()
        .name("isocore_container_context_switches")
        .help("Context switches summed over the container's threads.")
        .labelNames("namespace", "pod", "container", "kind")
        .callback(
            cb ->
                eachContainer(
                    containers,
                    ref -> {
                      emit(
                          containers,
                          ref,
                          Counter.VOLUNTARY_SWITCHES,
                          1,
                          v -> cb.call(v, labels(ref, "voluntary")));
                      emit(
                          containers,
                          ref,
                          Counter.INVOLUNTARY_SWITCHES,
                          1,
                          v -> cb.call(v, labels(ref, "involuntary")));
                    }))
        .register(registry);
    CounterWithCallback.builder()
        .name("isocore_container_runqueue_wait_seconds")
        .help(
            "Time the container's threads waited on a run queue (/proc/<pid>/task/<tid>/schedstat).")
        .unit(Unit.SECONDS)
        .labelNames("namespace", "pod", "container")
        .callback(
            cb ->
                eachContainer(
                    containers,
                    ref ->
                        emit(
                            containers,
                            ref,
                            Counter.RUNQUEUE_WAIT_NANOS,
                            1e-9,
                            v -> cb.call(v, labels(ref)))))
        .register(registry);
    CounterWithCallback.builder()
        .name("isocore_container_cpu_migrations")
        .help(
            "CPU migrations of the container's threads (se.nr_migrations; absent without CONFIG_SCHED_DEBUG).")
        .labelNames("namespace", "pod", "container")
        .callback(
            cb ->
                eachContainer(
                    containers,
                    ref ->
                        emit(containers, ref, Counter.MIGRATIONS, 1, v -> cb.call(v, labels(ref)))))
        .register(registry);
    CounterWithCallback.builder()
        .name("isocore_container_page_faults")
        .help(
            "Page faults of the container's threads; a warmed-up latency process should take none.")
        .labelNames("namespace", "pod", "container", "kind")
        .callback(
            cb ->
                eachContainer(
                    containers,
                    ref -> {
                      emit(
                          containers,
                          ref,
                          Counter.MINOR_FAULTS,
                          1,
                          v -> cb.call(v, labels(ref, "minor")));
                      emit(
                          containers,
                          ref,
                          Counter.MAJOR_FAULTS,
                          1,
                          v -> cb.call(v, labels(ref, "major")));
                    }))
        .register(registry);
    GaugeWithCallback.builder()
        .name("isocore_container_rt_threads")
        .help(
            "SCHED_FIFO/RR threads on exclusive CPUs while RT throttling is on (they lose 5% of"
                + " every second to the throttle).")
        .labelNames("namespace", "pod", "container")
        .callback(
            cb -> {
              containerFresh.ensureFresh();
              boolean throttling = node.rtThrottlingEnabled().orElse(false);
              containers
                  .realtimeThreadsOnExclusiveCpus()
                  .forEach((ref, n) -> cb.call(throttling ? n : 0, labels(ref)));
            })
        .register(registry);

    // An info metric: client 1.x names it isocore_cpu_allocation and appends _info on the wire
    // (type gauge in the Prometheus formats, info in OpenMetrics), value 1.
    registry.register(
        (MultiCollector)
            () -> {
              InfoSnapshot.Builder info =
                  InfoSnapshot.builder()
                      .name("isocore_cpu_allocation")
                      .help(
                          "1 for each CPU held exclusively, with the container holding it (join on cpu).");
              view.exclusive()
                  .forEach(
                      (cpu, ref) ->
                          info.dataPoint(
                              InfoSnapshot.InfoDataPointSnapshot.builder()
                                  .labels(
                                      Labels.of(
                                          "cpu", Integer.toString(cpu),
                                          "namespace", ref.namespace(),
                                          "pod", ref.pod(),
                                          "container", ref.container()))
                                  .build()));
              return MetricSnapshots.of(info.build());
            });
    GaugeWithCallback.builder()
        .name("isocore_node_cpus")
        .help("CPUs on this node by state.")
        .labelNames("state")
        .callback(
            cb -> {
              cb.call(node.onlineCpus().map(CpuSet::size).orElse(0), "online");
              cb.call(view.isolated().size(), "isolated");
              cb.call(view.reserved().size(), "reserved");
              cb.call(CpuSet.of(view.exclusive().keySet()).union(held.held()).size(), "allocated");
              cb.call(probe.quarantined().size(), "quarantined");
              cb.call(view.shared().size(), "shared");
            })
        .register(registry);
    GaugeWithCallback.builder()
        .name("isocore_numa_hugepages_free_bytes")
        .help("Free hugepages per NUMA node and page size, in bytes.")
        .unit(Unit.BYTES)
        .labelNames("numa_node", "size")
        .callback(
            cb ->
                node.hugepages()
                    .forEach(
                        p ->
                            cb.call(
                                (double) p.free() * p.pageBytes(),
                                Integer.toString(p.numaNode()),
                                p.size())))
        .register(registry);
    GaugeWithCallback.builder()
        .name("isocore_numa_hugepages_total_bytes")
        .help("Hugepage pool size per NUMA node and page size, in bytes.")
        .unit(Unit.BYTES)
        .labelNames("numa_node", "size")
        .callback(
            cb ->
                node.hugepages()
                    .forEach(
                        p ->
                            cb.call(
                                (double) p.total() * p.pageBytes(),
                                Integer.toString(p.numaNode()),
                                p.size())))
        .register(registry);
    GaugeWithCallback.builder()
        .name("isocore_allocation_not_applied_seconds")
        .help(
            "Seconds since this node's CoreAllocation was created while it is not Applied (0 once"
                + " Applied).")
        .unit(Unit.SECONDS)
        .labelNames("namespace", "pod")
        .callback(
            cb -> view.notAppliedSeconds().forEach((p, s) -> cb.call(s, p.namespace(), p.pod())))
        .register(registry);
    flag(
        registry,
        "isocore_node_rt_throttling_enabled",
        "1 when kernel.sched_rt_runtime_us is not -1 (SCHED_FIFO spinners lose 5% of each second).",
        () -> node.rtThrottlingEnabled().map(b -> b ? 1.0 : 0.0).orElse(Double.NaN));
    flag(
        registry,
        "isocore_node_kubelet_cpu_manager_static",
        "1 when the kubelet's CPU manager policy is static (it conflicts with isocore's cpusets).",
        () -> node.kubeletCpuManagerStatic().map(b -> b ? 1.0 : 0.0).orElse(0.0));
    flag(
        registry,
        "isocore_node_irqbalance_running",
        "1 when irqbalance runs on the node (it may move IRQs onto isolated CPUs).",
        () -> {
          irqbalanceFresh.ensureFresh();
          return irqbalance ? 1.0 : 0.0;
        });
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

  private static void flag(
      PrometheusRegistry registry,
      String name,
      String help,
      java.util.function.DoubleSupplier value) {
    GaugeWithCallback.builder()
        .name(name)
        .help(help)
        .callback(
            cb -> {
              double v = value.getAsDouble();
              if (!Double.isNaN(v)) {
                cb.call(v);
              }
            })
        .register(registry);
  }

  private void eachContainer(ContainerTelemetry containers, Consumer<ContainerRef> action) {
    containerFresh.ensureFresh();
    containers.containers().forEach(action);
  }

  private static void emit(
      ContainerTelemetry containers,
      ContainerRef ref,
      Counter counter,
      double scale,
      java.util.function.DoubleConsumer sink) {
    OptionalLong v = containers.total(ref, counter);
    if (v.isPresent()) {
      sink.accept(v.getAsLong() * scale);
    }
  }

  private static String[] labels(ContainerRef ref, String... extra) {
    String[] out = new String[3 + extra.length];
    out[0] = ref.namespace();
    out[1] = ref.pod();
    out[2] = ref.container();
    System.arraycopy(extra, 0, out, 3, extra.length);
    return out;
  }
}
