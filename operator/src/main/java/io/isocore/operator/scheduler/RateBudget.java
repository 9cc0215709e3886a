package io.isocore.operator.scheduler;

/**
 * A token bucket: {@code perSecond} tokens a second, at most {@code burst} saved up. It bounds the
 * writes that are not part of a commit (Normal Events, the allocation's Pending phase), as
 * client-go's event spam filter bounds the kube-scheduler's, so they cannot crowd out the two
 * writes a placement needs. Thread-safe.
 */
final class RateBudget {
  private final double perNano;
  private final double burst;
  private double tokens;
  private long last;

  RateBudget(double perSecond, int burst) {
    this.perNano = perSecond / 1e9;
    this.burst = burst;
    this.tokens = burst;
    this.last = System.nanoTime();
  }

  /** Unlimited: every write goes out (tests that count Events). */
  static RateBudget unlimited() {
    return new RateBudget(Double.POSITIVE_INFINITY, Integer.MAX_VALUE);
  }

  synchronized boolean tryTake() {
    if (Double.isInfinite(perNano)) {
      return true;
    }
    long now = System.nanoTime();
    tokens = Math.min(burst, tokens + (now - last) * perNano);
    last = now;
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }
}
