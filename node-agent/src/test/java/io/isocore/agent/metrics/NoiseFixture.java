package io.isocore.agent.metrics;

import io.isocore.agent.noise.NoiseTelemetry;
import io.isocore.core.noise.CpuNoiseReport;
import io.isocore.core.noise.NoiseSource;
import io.isocore.core.noise.SourceKind;
import java.util.List;

/**
 * Feeds one attribution window on CPU 3 (LOC 250 events, other 10) into the running app, once: the
 * agent's own window needs two /proc snapshots 10 s apart, longer than a test should wait.
 */
final class NoiseFixture {

  private static boolean fed;

  private NoiseFixture() {}

  static synchronized void feedOnce(NoiseTelemetry noise) {
    if (fed) {
      return;
    }
    fed = true;
    noise
        .counters()
        .add(
            new CpuNoiseReport(
                3,
                10.0,
                0,
                0.0,
                "correlation",
                List.of(
                    new NoiseSource(
                        "LOC", SourceKind.IRQ, 250, 0.000625, 0.9, "correlation", "nohz_full"),
                    new NoiseSource(
                        "other", SourceKind.OTHER, 10, 0.00007, 0.1, "correlation", ""))));
  }
}
