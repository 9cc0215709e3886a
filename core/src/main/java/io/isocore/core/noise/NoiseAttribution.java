package io.isocore.core.noise;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Attributes a CPU's noise over a window to its sources.
 *
 * <p><b>Exact</b> where the kernel measured it: the osnoise tracer's per-event lines give each
 * source's time; with IRQ time accounting {@code /proc/stat}'s irq and softirq times are exact per
 * CPU and are split across lines by their events weighted by {@link SourceCosts}; steal is the
 * hypervisor's own figure. <b>Correlation</b> otherwise: each source's events in the window times
 * its estimated cost, threads by the run time they gained while on the CPU; the shares say which
 * source coincided with the noise, not that it caused each gap.
 *
 * <p>Cardinality is bounded: the top {@code topN} sources, then one {@code other}.
 */
public final class NoiseAttribution {

  /** USER_HZ ticks of {@code /proc/stat}, in nanoseconds. */
  static final long TICK_NANOS = 10_000_000L;

  private NoiseAttribution() {}

  /**
   * The probe's figures for the window.
   *
   * @param gaps gaps at or above the threshold, -1 when no probe ran
   * @param gapNanos their total time
   */
  public record Probe(long gaps, long gapNanos) {
    /** No probe ran on the CPU. */
    public static final Probe NONE = new Probe(-1, 0);
  }

  private record Candidate(
      String name, SourceKind kind, boolean device, long events, double weight, boolean exact) {}

  /**
   * Attributes one CPU's window.
   *
   * @param start the snapshot at the window's start
   * @param end the snapshot at its end
   * @param cpu the CPU
   * @param probe what the probe measured there
   * @param osnoise the osnoise tracer's figures for the CPU over the window, when it ran
   * @param ownTids threads to leave out (the probe's own)
   * @param topN how many sources to keep before {@code other} (at least 1)
   * @return the report, sources by decreasing share
   */
  public static CpuNoiseReport attribute(
      NoiseSnapshot start,
      NoiseSnapshot end,
      int cpu,
      Probe probe,
      Optional<OsnoiseTrace.CpuNoise> osnoise,
      Set<Long> ownTids,
      int topN) {
    if (topN < 1) {
      throw new IllegalArgumentException("topN must be at least 1, got " + topN);
    }
    List<Candidate> candidates =
        osnoise.filter(o -> !o.sources().isEmpty()).map(NoiseAttribution::exact).orElse(null);
    if (candidates == null) {
      candidates = new ArrayList<>();
      irqs(start, end, cpu, candidates);
      softirqs(start, end, cpu, candidates);
      threads(start, end, cpu, ownTids, candidates);
      steal(start, end, cpu, candidates);
    }
    double window = Math.max(0, end.monotonicNanos() - start.monotonicNanos()) / 1e9;
    return report(cpu, window, probe, candidates, topN);
  }

  private static List<Candidate> exact(OsnoiseTrace.CpuNoise o) {
    List<Candidate> out = new ArrayList<>();
    o.sources()
        .forEach(
            (k, v) ->
                out.add(
                    new Candidate(
                        k.name(),
                        k.kind(),
                        k.kind() == SourceKind.IRQ && k.name().contains(":"),
                        v.events(),
                        v.nanos(),
                        true)));
    return out;
  }

  private static void irqs(NoiseSnapshot s, NoiseSnapshot e, int cpu, List<Candidate> out) {
    List<Candidate> lines = new ArrayList<>();
    for (CounterTable.Row row : e.interrupts().rows()) {
      long events = delta(find(s.interrupts(), row.name()), row, cpu);
      if (events > 0) {
        double w = (double) events * SourceCosts.irqNanos(row.name(), row.device());
        lines.add(new Candidate(row.name(), SourceKind.IRQ, row.device(), events, w, false));
      }
    }
    out.addAll(calibrated(lines, accounted(s, e, cpu, true)));
  }

  private static void softirqs(NoiseSnapshot s, NoiseSnapshot e, int cpu, List<Candidate> out) {
    List<Candidate> lines = new ArrayList<>();
    for (CounterTable.Row row : e.softirqs().rows()) {
      long events = delta(find(s.softirqs(), row.name()), row, cpu);
      if (events > 0) {
        double w = (double) events * SourceCosts.softirqNanos(row.name());
        lines.add(new Candidate(row.name(), SourceKind.SOFTIRQ, false, events, w, false));
      }
    }
    out.addAll(calibrated(lines, accounted(s, e, cpu, false)));
  }

  /** With IRQ time accounting, scales the estimates so they sum to the kernel's exact time. */
  private static List<Candidate> calibrated(List<Candidate> lines, long exactNanos) {
    double sum = lines.stream().mapToDouble(Candidate::weight).sum();
    if (exactNanos <= 0 || sum <= 0) {
      return lines;
    }
    double scale = exactNanos / sum;
    return lines.stream()
        .map(
            c ->
                new Candidate(c.name(), c.kind(), c.device(), c.events(), c.weight() * scale, true))
        .toList();
  }

  private static long accounted(NoiseSnapshot s, NoiseSnapshot e, int cpu, boolean hard) {
    CpuTimes a = s.times().get(cpu);
    CpuTimes b = e.times().get(cpu);
    if (!e.irqTimeAccounted() || a == null || b == null) {
      return 0;
    }
    long ticks = hard ? b.irqTicks() - a.irqTicks() : b.softirqTicks() - a.softirqTicks();
    return Math.max(0, ticks) * TICK_NANOS;
  }

  private static void threads(
      NoiseSnapshot s, NoiseSnapshot e, int cpu, Set<Long> own, List<Candidate> out) {
    Map<String, Double> byName = new LinkedHashMap<>();
    for (TaskSample t : e.tasks().values()) {
      TaskSample before = s.tasks().get(t.tid());
      boolean same = before != null && before.startTime() == t.startTime();
      boolean here = t.processor() == cpu || (same && before.processor() == cpu);
      if (!here || own.contains(t.tid())) {
        continue;
      }
      long ran = t.runNanos() - (same ? before.runNanos() : 0);
      if (ran > 0 && (same || t.processor() == cpu)) {
        byName.merge(t.comm(), (double) ran, Double::sum);
      }
    }
    byName.forEach((n, w) -> out.add(new Candidate(n, SourceKind.THREAD, false, 0, w, false)));
  }

  private static void steal(NoiseSnapshot s, NoiseSnapshot e, int cpu, List<Candidate> out) {
    CpuTimes a = s.times().get(cpu);
    CpuTimes b = e.times().get(cpu);
    if (a != null && b != null && b.stealTicks() > a.stealTicks()) {
      double w = (double) (b.stealTicks() - a.stealTicks()) * TICK_NANOS;
      out.add(new Candidate("steal", SourceKind.STEAL, false, 0, w, true));
    }
  }

  private static Optional<CounterTable.Row> find(CounterTable table, String name) {
    return table.rows().stream().filter(r -> r.name().equals(name)).findFirst();
  }

  /** Increase over the window; a counter that went down restarted from zero (wrap, hotplug). */
  private static long delta(Optional<CounterTable.Row> before, CounterTable.Row after, int cpu) {
    long b = after.on(cpu);
    long a = before.map(r -> r.on(cpu)).orElse(0L);
    return b >= a ? b - a : b;
  }

  private static CpuNoiseReport report(
      int cpu, double window, Probe probe, List<Candidate> all, int topN) {
    List<Candidate> sorted =
        all.stream().sorted(Comparator.comparingDouble(Candidate::weight).reversed()).toList();
    double total = sorted.stream().mapToDouble(Candidate::weight).sum();
    boolean allExact = !sorted.isEmpty() && sorted.stream().allMatch(Candidate::exact);
    List<NoiseSource> out = new ArrayList<>();
    long otherEvents = 0;
    double otherWeight = 0;
    for (int i = 0; i < sorted.size(); i++) {
      Candidate c = sorted.get(i);
      if (i < topN) {
        out.add(source(c, total, probe));
      } else {
        otherEvents += c.events();
        otherWeight += c.weight();
      }
    }
    if (sorted.size() > topN) {
      Candidate other =
          new Candidate("other", SourceKind.OTHER, false, otherEvents, otherWeight, allExact);
      out.add(source(other, total, probe));
    }
    String method = allExact ? NoiseSource.EXACT : NoiseSource.CORRELATION;
    double gapSeconds = Math.max(0, probe.gapNanos()) / 1e9;
    return new CpuNoiseReport(cpu, window, probe.gaps(), gapSeconds, method, out);
  }

  private static NoiseSource source(Candidate c, double total, Probe probe) {
    double share = total > 0 ? c.weight() / total : 0;
    double seconds =
        !c.exact() && probe.gaps() >= 0 && probe.gapNanos() > 0
            ? share * probe.gapNanos() / 1e9
            : c.weight() / 1e9;
    String method = c.exact() ? NoiseSource.EXACT : NoiseSource.CORRELATION;
    return new NoiseSource(
        c.name(),
        c.kind(),
        c.events(),
        seconds,
        share,
        method,
        NoiseFixes.fix(c.kind(), c.name(), c.device()));
  }
}
