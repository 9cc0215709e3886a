package io.isocore.agent.metrics;

import java.util.List;

/**
 * The node agent's rows of the metrics contract (names, types, labels), as the chart, dashboard and
 * alerts expect them. A test failure here means the contract changed: update the contract with the
 * lead first.
 */
final class MetricsContract {

  record Row(String name, String type, List<String> labels) {}

  static final List<Row> NODE_AGENT =
      List.of(
          new Row("isocore_cpu_jitter_seconds", "histogram", List.of("cpu")),
          new Row("isocore_cpu_jitter_max_seconds", "gauge", List.of("cpu")),
          new Row("isocore_cpu_jitter_p9999_seconds", "gauge", List.of("cpu")),
          new Row("isocore_cpu_jitter_gaps_total", "counter", List.of("cpu")),
          new Row("isocore_cpu_probe_windows_total", "counter", List.of("cpu")),
          new Row("isocore_cpu_quarantined", "gauge", List.of("cpu")),
          new Row("isocore_cpu_interrupts_total", "counter", List.of("cpu", "type")),
          new Row("isocore_cpu_softirqs_total", "counter", List.of("cpu", "type")),
          new Row("isocore_cpu_schedstat_run_seconds_total", "counter", List.of("cpu")),
          new Row("isocore_cpu_noise_seconds_total", "counter", List.of("cpu", "source")),
          new Row("isocore_cpu_noise_events_total", "counter", List.of("cpu", "source")),
          new Row("isocore_cpu_schedstat_wait_seconds_total", "counter", List.of("cpu")),
          new Row(
              "isocore_cpu_allocation_info",
              "gauge",
              List.of("cpu", "namespace", "pod", "container")),
          new Row("isocore_node_cpus", "gauge", List.of("state")),
          new Row("isocore_numa_hugepages_free_bytes", "gauge", List.of("numa_node", "size")),
          new Row("isocore_numa_hugepages_total_bytes", "gauge", List.of("numa_node", "size")),
          new Row(
              "isocore_container_context_switches_total",
              "counter",
              List.of("namespace", "pod", "container", "kind")),
          new Row(
              "isocore_container_runqueue_wait_seconds_total",
              "counter",
              List.of("namespace", "pod", "container")),
          new Row(
              "isocore_container_cpu_migrations_total",
              "counter",
              List.of("namespace", "pod", "container")),
          new Row(
              "isocore_container_page_faults_total",
              "counter",
              List.of("namespace", "pod", "container", "kind")),
          new Row(
              "isocore_container_rt_threads", "gauge", List.of("namespace", "pod", "container")),
          new Row("isocore_allocation_not_applied_seconds", "gauge", List.of("namespace", "pod")),
          new Row("isocore_allocation_noisy", "gauge", List.of("namespace", "pod")),
          new Row("isocore_node_rt_throttling_enabled", "gauge", List.of()),
          new Row("isocore_node_kubelet_cpu_manager_static", "gauge", List.of()),
          new Row("isocore_node_irqbalance_running", "gauge", List.of()));

  private MetricsContract() {}
}
