package io.isocore.agent.probe;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A fake monotonic clock: every read advances by a fixed step, plus gaps injected at given reads.
 */
final class StepClock implements LongSupplier {

  private final long stepNanos;
  private final Map<Long, Long> extra = new HashMap<>();
  private final Map<Long, Runnable> actions = new HashMap<>();
  private long now = 1_000_000_000L;
  private long reads;

  StepClock(long stepNanos) {
    this.stepNanos = stepNanos;
  }

  /** The {@code read}-th read (1-based) comes {@code gapNanos} late. */
  StepClock gapAt(long read, long gapNanos) {
    extra.put(read, gapNanos);
    return this;
  }

  /** Runs {@code action} at the {@code read}-th read, as if another thread acted then. */
  StepClock actionAt(long read, Runnable action) {
    actions.put(read, action);
    return this;
  }

  long reads() {
    return reads;
  }

  @Override
  public long getAsLong() {
    reads++;
    now += stepNanos + extra.getOrDefault(reads, 0L);
    Runnable a = actions.get(reads);
    if (a != null) {
      a.run();
    }
    return now;
  }
}
