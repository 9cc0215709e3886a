package io.isocore.agent.metrics;

import io.isocore.agent.probe.ProbeResults;
import io.isocore.agent.probe.ProbeWindow;
import java.time.Instant;
import java.util.OptionalLong;
import org.HdrHistogram.Histogram;

/** Feeds one probe window on CPU 3 (gaps of 2 µs x3 and 40 µs x1) into the running app, once. */
final class ProbeFixture {

  private static boolean fed;

  private ProbeFixture() {}

  static synchronized void feedOnce(JitterMetrics jitter, ProbeResults results) {
    if (fed) {
      return;
    }
    fed = true;
    Histogram h = new Histogram(10_000_000_000L, 3);
    h.recordValueWithCount(2_000, 3);
    h.recordValue(40_000);
    ProbeWindow w =
        new ProbeWindow(
            3, Instant.now(), 10_000_000_000L, 400_000_000, 4, 40_000, 40_000, 21, 250.0, 1_000);
    boolean quarantined = results.record(w, OptionalLong.of(30_000));
    jitter.windowCompleted(w, h, quarantined);
  }
}
