package io.isocore.operator.status;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Bounds how often one object's status is written: figures that move with every placement (a
 * tenant's allocated cores, stride pass, share error) go out at most once per interval, batched; a
 * change a human acts on (a condition) goes out at once. Keyed by object uid. Not thread-safe: used
 * by the scheduling thread alone.
 */
public final class StatusPacer {
  private final Duration interval;
  private final Map<String, Instant> lastWrite = new HashMap<>();

  /**
   * @param interval the least time between two figure-only writes of one object (zero: no bound)
   */
  public StatusPacer(Duration interval) {
    if (interval.isNegative()) {
      throw new IllegalArgumentException("status interval must not be negative: " + interval);
    }
    this.interval = interval;
  }

  /**
   * Returns how long a figure-only write of {@code uid} must wait; {@link Duration#ZERO} when it
   * may go now. An urgent write never waits.
   */
  public Duration due(String uid, boolean urgent, Instant now) {
    Instant last = lastWrite.get(uid);
    if (urgent || last == null) {
      return Duration.ZERO;
    }
    Duration left = Duration.between(now, last.plus(interval));
    return left.isPositive() ? left : Duration.ZERO;
  }

  /** Records a write of {@code uid} at {@code now}. */
  public void written(String uid, Instant now) {
    lastWrite.put(uid, now);
  }

  /** Forgets objects that are gone. */
  public void retain(Collection<String> uids) {
    lastWrite.keySet().retainAll(uids);
  }
}
