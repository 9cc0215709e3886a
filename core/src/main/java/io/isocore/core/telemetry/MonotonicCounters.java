package io.isocore.core.telemetry;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns raw kernel counters read from many sources into counters that never go down.
 *
 * <p>A series (for example one container's involuntary context switches) is the sum of counters
 * from several sources (its threads). Sources come and go: threads exit, tids are reused, CPUs go
 * offline, IRQs are freed. Summing the raw values would make the series fall when a thread exits,
 * which Prometheus reads as a counter reset and turns into a spike. Instead each source's delta
 * since its last reading is added to the series total; a value below the last one is a restart from
 * zero and counts in full. A source seen for the first time counts in full as well, so a series
 * starts at the sum of its current sources.
 *
 * <p>Call {@link #observe} for every source read in one sweep, then {@link #endSweep()}. With
 * {@code forgetDeparted}, sources not observed in a sweep are forgotten (threads: a thread never
 * comes back, and forgetting bounds memory). Without it they are kept, so a CPU that goes offline
 * and returns with its old count is not counted twice.
 *
 * <p>Not thread safe: one collector owns an instance.
 *
 * @param <S> the series key
 */
public final class MonotonicCounters<S> {

  private record Source<S>(S series, Object id) {}

  private final boolean forgetDeparted;
  private final Map<Source<S>, Long> last = new HashMap<>();
  private final Map<S, Long> totals = new HashMap<>();
  private final Set<Source<S>> seen = new HashSet<>();

  /**
   * Creates an empty set of series.
   *
   * @param forgetDeparted whether sources missing from a sweep are dropped at {@link #endSweep()}
   */
  public MonotonicCounters(boolean forgetDeparted) {
    this.forgetDeparted = forgetDeparted;
  }

  /**
   * Records one source's current raw value.
   *
   * @param series the series the source adds to
   * @param sourceId the source's identity within the series (a tid and start time, a row name)
   * @param value the raw counter value read now
   */
  public void observe(S series, Object sourceId, long value) {
    Objects.requireNonNull(series, "series");
    Objects.requireNonNull(sourceId, "sourceId");
    Source<S> source = new Source<>(series, sourceId);
    Long previous = last.put(source, value);
    long delta = previous == null || value < previous ? value : value - previous;
    totals.merge(series, delta, Long::sum);
    seen.add(source);
  }

  /** Ends a sweep: forgets unseen sources when so configured. */
  public void endSweep() {
    if (forgetDeparted) {
      last.keySet().retainAll(seen);
    }
    seen.clear();
  }

  /** Drops a series and its sources (for example when its container is gone). */
  public void remove(S series) {
    totals.remove(series);
    last.keySet().removeIf(s -> s.series().equals(series));
  }

  /** Returns the current totals, one per series ever observed and not removed. */
  public Map<S, Long> totals() {
    return Map.copyOf(totals);
  }

  /** Returns one series' total, 0 when never observed. */
  public long total(S series) {
    return totals.getOrDefault(series, 0L);
  }
}
