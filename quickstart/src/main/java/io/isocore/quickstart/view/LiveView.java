package io.isocore.quickstart.view;

import io.isocore.api.v1alpha1.CoreAllocation;
import io.isocore.core.alloc.ContainerGrant;
import io.isocore.core.cpu.CpuSet;
import io.isocore.mapping.InvalidResourceException;
import io.isocore.mapping.allocation.AllocationSpec;
import io.isocore.mapping.allocation.CoreAllocations;
import io.isocore.quickstart.kubelet.RunningContainer;
import io.isocore.quickstart.kubelet.RunningPod;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Renders what isocore did on this machine: placement, the kernel's cpusets, latency. */
public final class LiveView {

  private final PrintStream out;
  private final Path proc;
  private final String header;

  /** Creates a view writing to {@code out}, reading /proc at {@code proc}. */
  public LiveView(PrintStream out, Path proc, String header) {
    this.out = out;
    this.proc = proc;
    this.header = header;
  }

  /** Prints one frame. */
  public void render(
      Duration elapsed,
      Optional<Duration> total,
      List<CoreAllocation> allocations,
      Map<String, RunningPod> pods,
      Map<String, String> failures,
      Map<String, Long> interruptsAtStart,
      boolean clear) {
    StringBuilder s = new StringBuilder();
    if (clear) {
      s.append("\033[H\033[2J");
    }
    s.append(header).append('\n');
    s.append(
        String.format(
            Locale.ROOT,
            "elapsed %ds%s%n%n",
            elapsed.toSeconds(),
            total.map(t -> " of " + t.toSeconds() + "s").orElse(" (Ctrl-C stops and cleans up)")));
    s.append("PLACEMENT (CoreAllocations written by the operator, status by the agent)\n");
    s.append(
        String.format(
            "  %-34s %-14s %-4s %-12s %-10s %-8s%n",
            "POD", "NODE", "NUMA", "CONTAINER", "CPUS", "PHASE"));
    if (allocations.isEmpty()) {
      s.append("  (none yet)\n");
    }
    for (CoreAllocation a : allocations) {
      placement(s, a);
    }
    failures.forEach(
        (pod, reason) ->
            s.append("  pod ").append(pod).append(" not started: ").append(reason).append('\n'));
    kernel(s, pods);
    latency(s, pods, interruptsAtStart);
    out.print(s);
    out.flush();
  }

  private void kernel(StringBuilder s, Map<String, RunningPod> pods) {
    s.append("\nKERNEL (every thread's Cpus_allowed_list, read back from /proc)\n");
    s.append(
        String.format(
            "  %-44s %-8s %-8s %-12s %-10s%n",
            "POD/CONTAINER", "PID", "THREADS", "CPUS", "INVOL CS"));
    for (RunningPod pod : pods.values()) {
      for (RunningContainer c : pod.containers()) {
        ProcessFacts facts = ProcessFacts.read(proc, c.pid());
        s.append(
            String.format(
                Locale.ROOT,
                "  %-44s %-8d %-8d %-12s %-10d%n",
                pod.namespace() + "/" + pod.name() + "/" + c.name(),
                c.pid(),
                facts.threads(),
                facts.cpusAllowed(),
                facts.involuntary()));
      }
    }
  }

  private void latency(
      StringBuilder s, Map<String, RunningPod> pods, Map<String, Long> interruptsAtStart) {
    for (RunningPod pod : pods.values()) {
      for (RunningContainer c : pod.containers()) {
        Optional<LatencyStats> stats = LatencyStats.read(c.stats());
        if (c.latencyWorkload()) {
          s.append("\nLATENCY WORKLOAD ")
              .append(pod.namespace())
              .append('/')
              .append(pod.name())
              .append('\n');
          CpuSet cpus = ProcessFacts.read(proc, c.pid()).cpusAllowed();
          long interrupts = CpuInterrupts.total(proc, cpus);
          long base = interruptsAtStart.getOrDefault(cpus.toString(), interrupts);
          s.append(
              stats
                  .map(
                      l ->
                          String.format(
                              Locale.ROOT,
                              "  max %s   p99.9 %s   p99.99 %s   gaps >= 10 us: %d   loop iterations: %d%n",
                              micros(l.maxNanos()),
                              micros(l.p999Nanos()),
                              micros(l.p9999Nanos()),
                              l.gapsOver10us(),
                              l.iterations()))
                  .orElse("  warming up...\n"));
          s.append(
              String.format(
                  Locale.ROOT,
                  "  involuntary context switches: %d   interrupts on CPU %s since start: %d%n",
                  ProcessFacts.read(proc, c.pid()).involuntary(),
                  cpus,
                  interrupts - base));
        }
      }
    }
  }

  static String micros(long nanos) {
    return String.format(Locale.ROOT, "%.1f us", nanos / 1000.0);
  }

  private static void placement(StringBuilder s, CoreAllocation a) {
    String phase =
        a.getStatus() == null || a.getStatus().phase() == null
            ? "-"
            : a.getStatus().phase().toString();
    try {
      AllocationSpec spec = CoreAllocations.decode(a);
      for (ContainerGrant c : spec.allocation().containers()) {
        s.append(
            String.format(
                "  %-34s %-14s %-4s %-12s %-10s %-8s%n",
                spec.namespace() + "/" + spec.podName(),
                spec.allocation().nodeName(),
                spec.allocation().numaNode(),
                c.name(),
                c.exclusive() ? c.cpus().toListString() : "shared",
                phase));
      }
    } catch (InvalidResourceException e) {
      s.append("  ").append(CoreAllocations.key(a)).append(" unreadable: ").append(e.getMessage());
      s.append('\n');
    }
    if (a.getStatus() != null && a.getStatus().message() != null) {
      s.append("    agent: ").append(a.getStatus().message()).append('\n');
    }
  }
}
