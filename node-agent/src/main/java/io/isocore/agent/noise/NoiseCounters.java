package io.isocore.agent.noise;

import io.isocore.core.noise.CpuNoiseReport;
import io.isocore.core.noise.NoiseSource;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The running totals behind {@code isocore_cpu_noise_seconds_total} and {@code
 * isocore_cpu_noise_events_total}: each window's sources are added to their own label while the CPU
 * has fewer than {@link #MAX_NAMED} named labels, and to {@code other} after that, so the series
 * count stays bounded (at most {@code MAX_NAMED + 1} per CPU) and every counter only grows.
 */
public final class NoiseCounters {

  /** Named source labels per CPU; later newcomers are counted as {@code other}. */
  public static final int MAX_NAMED = 8;

  /**
   * One series' key.
   *
   * @param cpu the CPU
   * @param source the source label
   */
  public record Key(int cpu, String source) {}

  /**
   * One series' totals.
   *
   * @param seconds attributed time
   * @param events counted interruptions
   */
  public record Totals(double seconds, long events) {}

  private final Map<Integer, Set<String>> named = new HashMap<>();
  private final Map<Key, Totals> totals = new HashMap<>();
  private final Map<Integer, List<NoiseSource>> latest = new TreeMap<>();

  /** Adds one window's report. */
  public synchronized void add(CpuNoiseReport report) {
    Set<String> labels = named.computeIfAbsent(report.cpu(), c -> new LinkedHashSet<>());
    for (NoiseSource s : report.sources()) {
      String label = s.name();
      if (!label.equals("other") && !labels.contains(label)) {
        if (labels.size() < MAX_NAMED) {
          labels.add(label);
        } else {
          label = "other";
        }
      }
      totals.merge(
          new Key(report.cpu(), label),
          new Totals(s.seconds(), s.events()),
          (a, b) -> new Totals(a.seconds() + b.seconds(), a.events() + b.events()));
    }
    latest.put(report.cpu(), report.sources());
  }

  /** The totals so far. */
  public synchronized Map<Key, Totals> totals() {
    return Map.copyOf(totals);
  }

  /** Each CPU's sources in its last window, largest share first. */
  public synchronized Map<Integer, List<NoiseSource>> latest() {
    return Map.copyOf(latest);
  }
}
