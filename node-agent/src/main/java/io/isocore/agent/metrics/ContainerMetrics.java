package io.isocore.agent.metrics;

import io.isocore.agent.telemetry.ContainerRef;
import io.isocore.agent.telemetry.ContainerTelemetry;
import io.isocore.agent.telemetry.ContainerTelemetry.Counter;
import io.isocore.agent.telemetry.NodeFacts;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Per-container series computed at scrape time from the threads of each latency container: context
 * switches, run-queue wait, migrations, page faults and real-time threads on exclusive CPUs.
 */
final class ContainerMetrics {

  private final ScrapeFreshness fresh;

  ContainerMetrics(ScrapeFreshness fresh) {
    this.fresh = fresh;
  }

  /** Registers the container series. */
  void register(PrometheusRegistry registry, ContainerTelemetry containers, NodeFacts node) {
    pairCounter(
        registry,
        containers,
        "isocore_container_context_switches",
        "Context switches summed over the container's threads.",
        new Kind("voluntary", Counter.VOLUNTARY_SWITCHES),
        new Kind("involuntary", Counter.INVOLUNTARY_SWITCHES));
    runqueueWait(registry, containers);
    migrations(registry, containers);
    pairCounter(
        registry,
        containers,
        "isocore_container_page_faults",
        "Page faults of the container's threads; a warmed-up latency process should take none.",
        new Kind("minor", Counter.MINOR_FAULTS),
        new Kind("major", Counter.MAJOR_FAULTS));
    realtimeThreads(registry, containers, node);
  }

  /** One value of the {@code kind} label and the counter behind it. */
  private record Kind(String label, Counter counter) {}

  /** A counter family with a {@code kind} label (context switches, page faults). */
  private void pairCounter(
      PrometheusRegistry registry,
      ContainerTelemetry containers,
      String name,
      String help,
      Kind... kinds) {
    CounterWithCallback.builder()
        .name(name)
        .help(help)
        .labelNames("namespace", "pod", "container", "kind")
        .callback(
            cb ->
                eachContainer(
                    containers,
                    ref -> {
                      for (Kind kind : kinds) {
                        emit(
                            containers,
                            ref,
                            kind.counter(),
                            1,
                            v -> cb.call(v, labels(ref, kind.label())));
                      }
                    }))
        .register(registry);
  }

  private void runqueueWait(PrometheusRegistry registry, ContainerTelemetry containers) {
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
  }

  private void migrations(PrometheusRegistry registry, ContainerTelemetry containers) {
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
  }

  private void realtimeThreads(
      PrometheusRegistry registry, ContainerTelemetry containers, NodeFacts node) {
    GaugeWithCallback.builder()
        .name("isocore_container_rt_threads")
        .help(
            "SCHED_FIFO/RR threads on exclusive CPUs while RT throttling is on (they lose 5% of"
                + " every second to the throttle).")
        .labelNames("namespace", "pod", "container")
        .callback(
            cb -> {
              fresh.ensureFresh();
              boolean throttling = node.rtThrottlingEnabled().orElse(false);
              containers
                  .realtimeThreadsOnExclusiveCpus()
                  .forEach((ref, n) -> cb.call(throttling ? n : 0, labels(ref)));
            })
        .register(registry);
  }

  private void eachContainer(ContainerTelemetry containers, Consumer<ContainerRef> action) {
    fresh.ensureFresh();
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
