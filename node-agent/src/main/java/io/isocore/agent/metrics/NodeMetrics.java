package io.isocore.agent.metrics;

import io.isocore.agent.probe.ProbeResults;
import io.isocore.agent.telemetry.HeldCpuHealth;
import io.isocore.agent.telemetry.HeldCpus;
import io.isocore.agent.telemetry.NodeFacts;
import io.isocore.api.v1alpha1.CpuHealth;
import io.isocore.core.cpu.CpuSet;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.time.Duration;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Node series computed at scrape time: which container holds each exclusive CPU, CPUs by state,
 * hugepages per NUMA node, allocations not applied yet, and the environment hazards (RT throttling,
 * the kubelet's static CPU manager, irqbalance). One method per metric family.
 */
final class NodeMetrics {

  private final NodeFacts node;
  private final ScrapeFreshness irqbalanceFresh;
  private final KubeletPolicyFlag kubelet;
  private volatile boolean irqbalance;

  NodeMetrics(NodeFacts node, KubeletPolicyFlag kubelet) {
    this.node = node;
    this.kubelet = kubelet;
    // a walk over every /proc/<pid>/comm: once a minute is enough for a daemon's presence
    irqbalanceFresh =
        new ScrapeFreshness(
            () -> irqbalance = node.irqbalanceRunning(), Duration.ofSeconds(60), System::nanoTime);
  }

  /** Registers the node series. */
  void register(
      PrometheusRegistry registry,
      NodeCpuView view,
      HeldCpus held,
      ProbeResults probe,
      HeldCpuHealth heldHealth) {
    allocationInfo(registry, view);
    cpusByState(registry, view, held, probe, heldHealth);
    hugepages(
        registry,
        "isocore_numa_hugepages_free_bytes",
        "Free hugepages per NUMA node and page size, in bytes.",
        NodeFacts.HugepagePool::free);
    hugepages(
        registry,
        "isocore_numa_hugepages_total_bytes",
        "Hugepage pool size per NUMA node and page size, in bytes.",
        NodeFacts.HugepagePool::total);
    notApplied(registry, view);
    hazards(registry);
  }

  /**
   * An info metric: client 1.x names it isocore_cpu_allocation and appends _info on the wire (type
   * gauge in the Prometheus formats, info in OpenMetrics), value 1.
   */
  private static void allocationInfo(PrometheusRegistry registry, NodeCpuView view) {
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
  }

  private void cpusByState(
      PrometheusRegistry registry,
      NodeCpuView view,
      HeldCpus held,
      ProbeResults probe,
      HeldCpuHealth heldHealth) {
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
              cb.call(
                  quarantined(probe.quarantined(), heldHealth.quarantinedHealth()).size(),
                  "quarantined");
              cb.call(view.shared().size(), "shared");
            })
        .register(registry);
  }

  /**
   * CPUs quarantined for new placements: by the probe (idle isolated CPUs) or by the held-CPU noise
   * loop (held, or released and not yet measured clean), as NodeTopology {@code cpuHealth} shows.
   */
  static CpuSet quarantined(CpuSet probed, List<CpuHealth> held) {
    return probed.union(CpuSet.of(held.stream().map(CpuHealth::cpu).toList()));
  }

  private void hugepages(
      PrometheusRegistry registry,
      String name,
      String help,
      ToDoubleFunction<NodeFacts.HugepagePool> pages) {
    GaugeWithCallback.builder()
        .name(name)
        .help(help)
        .unit(Unit.BYTES)
        .labelNames("numa_node", "size")
        .callback(
            cb ->
                node.hugepages()
                    .forEach(
                        p ->
                            cb.call(
                                pages.applyAsDouble(p) * p.pageBytes(),
                                Integer.toString(p.numaNode()),
                                p.size())))
        .register(registry);
  }

  private static void notApplied(PrometheusRegistry registry, NodeCpuView view) {
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
  }

  private void hazards(PrometheusRegistry registry) {
    flag(
        registry,
        "isocore_node_rt_throttling_enabled",
        "1 when kernel.sched_rt_runtime_us is not -1 (SCHED_FIFO spinners lose 5% of each second).",
        () -> node.rtThrottlingEnabled().map(b -> b ? 1.0 : 0.0).orElse(Double.NaN));
    flag(
        registry,
        "isocore_node_kubelet_cpu_manager_static",
        "1 when the kubelet's CPU manager policy is static (it conflicts with isocore's cpusets).",
        kubelet::value);
    flag(
        registry,
        "isocore_node_irqbalance_running",
        "1 when irqbalance runs on the node (it may move IRQs onto isolated CPUs).",
        () -> {
          irqbalanceFresh.ensureFresh();
          return irqbalance ? 1.0 : 0.0;
        });
  }

  /** A 0/1 gauge without labels; a NaN value exports no sample (unknown, not false). */
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
}
