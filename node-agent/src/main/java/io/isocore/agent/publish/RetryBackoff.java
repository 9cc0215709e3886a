package io.isocore.agent.publish;

import java.time.Duration;

/**
 * How long to wait before retrying a failed publication: the poll interval doubled per consecutive
 * failure, capped at the refresh interval, so a thousand agents do not hammer a failing API server
 * every two seconds. Pure.
 */
public final class RetryBackoff {

  private RetryBackoff() {}

  /** Returns the wait after {@code failures} consecutive failures (0: no wait). */
  public static Duration delay(int failures, Duration poll, Duration cap) {
    if (failures <= 0) {
      return Duration.ZERO;
    }
    int shift = Math.min(failures - 1, 20);
    Duration wait = poll.multipliedBy(1L << shift);
    return wait.compareTo(cap) > 0 ? cap : wait;
  }
}
