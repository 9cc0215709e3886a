package io.isocore.agent.metrics;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Runs a refresh at most once per {@code maxAge}: one scrape calls many metric callbacks, and each
 * asks for fresh data, but /proc should be read once per scrape.
 */
final class ScrapeFreshness {

  private final Runnable refresh;
  private final long maxAgeNanos;
  private final LongSupplier clock;
  private long lastNanos;
  private boolean done;

  ScrapeFreshness(Runnable refresh, Duration maxAge, LongSupplier clock) {
    this.refresh = refresh;
    this.maxAgeNanos = maxAge.toNanos();
    this.clock = clock;
  }

  synchronized void ensureFresh() {
    long now = clock.getAsLong();
    if (!done || now - lastNanos >= maxAgeNanos) {
      refresh.run();
      lastNanos = now;
      done = true;
    }
  }
}
