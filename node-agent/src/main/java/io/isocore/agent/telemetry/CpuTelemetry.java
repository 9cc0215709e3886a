package io.isocore.agent.telemetry;

import io.isocore.agent.host.HostFiles;
import io.isocore.core.telemetry.CpuCounter;
import io.isocore.core.telemetry.CpuSchedstat;
import io.isocore.core.telemetry.MonotonicCounters;
import io.isocore.core.telemetry.ProcCpuTable;
import io.isocore.core.telemetry.ProcSchedstat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Per-CPU passive telemetry: {@code /proc/interrupts}, {@code /proc/softirqs} and, where the kernel
 * has schedstats, {@code /proc/schedstat}. Reading these files costs the same however many CPUs
 * there are and runs nothing on allocated CPUs. Totals are monotonic across hotplug and counter
 * wraps ({@link MonotonicCounters}).
 */
public final class CpuTelemetry {

  private static final Logger LOG = Logger.getLogger(CpuTelemetry.class);

  /** A CPU's accumulated schedstat times. */
  public record SchedTimes(long runNanos, long waitNanos) {}

  private final HostFiles proc;
  private final MonotonicCounters<CpuSeries> interrupts = new MonotonicCounters<>(false);
  private final MonotonicCounters<CpuSeries> softirqs = new MonotonicCounters<>(false);
  private final MonotonicCounters<CpuSeries> sched = new MonotonicCounters<>(false);
  private boolean schedstatAbsentLogged;
  private boolean schedstatPresent;

  /** Reads under {@code proc} (normally {@code /proc}). */
  public CpuTelemetry(HostFiles proc) {
    this.proc = proc;
  }

  /** Reads the three files once and folds them into the totals. */
  public synchronized void refresh() {
    proc.read("interrupts").ifPresent(t -> fold(ProcCpuTable.parseInterrupts(t), interrupts));
    proc.read("softirqs").ifPresent(t -> fold(ProcCpuTable.parseSoftirqs(t), softirqs));
    Optional<String> schedstat = proc.read("schedstat");
    schedstatPresent = schedstat.isPresent();
    if (schedstat.isEmpty()) {
      if (!schedstatAbsentLogged) {
        LOG.infof(
            "%s/schedstat is absent (kernel built without CONFIG_SCHEDSTATS):"
                + " per-CPU run and wait times are not exported",
            proc.root());
        schedstatAbsentLogged = true;
      }
      return;
    }
    try {
      for (CpuSchedstat s : ProcSchedstat.parse(schedstat.get())) {
        sched.observe(new CpuSeries(s.cpu(), "run"), "run", s.runNanos());
        sched.observe(new CpuSeries(s.cpu(), "wait"), "wait", s.waitNanos());
      }
      sched.endSweep();
    } catch (IllegalArgumentException e) {
      LOG.warnf("ignoring %s/schedstat: %s", proc.root(), e.getMessage());
      schedstatPresent = false;
    }
  }

  private static void fold(List<CpuCounter> counters, MonotonicCounters<CpuSeries> into) {
    for (CpuCounter c : counters) {
      into.observe(new CpuSeries(c.cpu(), c.type()), c.row(), c.value());
    }
    into.endSweep();
  }

  /** Interrupt totals by CPU and type (named rows, plus {@code device} for numbered IRQs). */
  public synchronized Map<CpuSeries, Long> interrupts() {
    return interrupts.totals();
  }

  /** Softirq totals by CPU and type. */
  public synchronized Map<CpuSeries, Long> softirqs() {
    return softirqs.totals();
  }

  /** Schedstat run and wait totals by CPU (type {@code run} or {@code wait}); empty without it. */
  public synchronized Map<CpuSeries, Long> schedstat() {
    return schedstatPresent ? sched.totals() : Map.of();
  }

  /**
   * Returns the raw sum of all of one CPU's interrupt counters now (for a rate over a probe
   * window), or -1 when {@code /proc/interrupts} is unreadable or the CPU has no column.
   */
  public long rawInterruptsOn(int cpu) {
    Optional<String> text = proc.read("interrupts");
    if (text.isEmpty()) {
      return -1;
    }
    long sum = 0;
    boolean found = false;
    for (CpuCounter c : ProcCpuTable.parseInterrupts(text.get())) {
      if (c.cpu() == cpu) {
        sum += c.value();
        found = true;
      }
    }
    return found ? sum : -1;
  }
}
