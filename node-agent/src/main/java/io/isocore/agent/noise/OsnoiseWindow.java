package io.isocore.agent.noise;

import io.isocore.core.noise.OsnoiseTrace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the osnoise tracer's output around a window, when someone (rtla, an operator) has it
 * running: {@code current_tracer} is {@code osnoise}. isocore never starts or reconfigures the
 * tracer itself; it takes the per-source totals at the end minus those at the start.
 */
final class OsnoiseWindow {

  private final Path tracing;
  private Map<Integer, OsnoiseTrace.CpuNoise> start = Map.of();

  OsnoiseWindow(Path root) {
    this.tracing = root.resolve("sys/kernel/tracing");
  }

  /** Whether the tracer is running and its output readable. */
  boolean active() {
    try {
      return Files.readString(tracing.resolve("current_tracer")).strip().equals("osnoise")
          && Files.isReadable(tracing.resolve("trace"));
    } catch (IOException e) {
      return false;
    }
  }

  void begin() {
    start = read().orElse(Map.of());
  }

  /** Per CPU, what the tracer saw since {@link #begin}. */
  Map<Integer, OsnoiseTrace.CpuNoise> end() {
    Map<Integer, OsnoiseTrace.CpuNoise> now = read().orElse(Map.of());
    Map<Integer, OsnoiseTrace.CpuNoise> out = new HashMap<>();
    now.forEach((cpu, n) -> out.put(cpu, minus(n, start.get(cpu))));
    return out;
  }

  private static OsnoiseTrace.CpuNoise minus(OsnoiseTrace.CpuNoise b, OsnoiseTrace.CpuNoise a) {
    if (a == null) {
      return b;
    }
    Map<OsnoiseTrace.SourceKey, OsnoiseTrace.Exact> sources = new HashMap<>();
    b.sources()
        .forEach(
            (k, v) -> {
              OsnoiseTrace.Exact before = a.sources().get(k);
              long events = v.events() - (before == null ? 0 : before.events());
              long nanos = v.nanos() - (before == null ? 0 : before.nanos());
              if (events > 0 && nanos > 0) {
                sources.put(k, new OsnoiseTrace.Exact(events, nanos));
              }
            });
    return new OsnoiseTrace.CpuNoise(
        b.cpu(), Math.max(0, b.noiseNanos() - a.noiseNanos()), b.classCounts(), sources);
  }

  private Optional<Map<Integer, OsnoiseTrace.CpuNoise>> read() {
    try {
      String text = Files.readString(tracing.resolve("trace"), StandardCharsets.ISO_8859_1);
      return Optional.of(OsnoiseTrace.parse("/sys/kernel/tracing/trace", text));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
