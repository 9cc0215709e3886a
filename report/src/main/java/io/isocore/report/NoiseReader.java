package io.isocore.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Noise windows: a {@code noise} array of snapshots, each the {@code ./isocore noise --json} shape
 * ({@code cpus[].sources[]}) plus {@code atSeconds} and {@code windowSeconds}.
 */
final class NoiseReader {

  private NoiseReader() {}

  /** A {@code noise} array; a missing node is no windows. */
  static List<NoiseWindow> series(JsonNode noise, String where) {
    List<NoiseWindow> windows = new ArrayList<>();
    if (noise.isMissingNode() || noise.isNull()) {
      return windows;
    }
    if (!noise.isArray()) {
      throw new IllegalArgumentException(where + ".noise: expected an array of windows");
    }
    for (int i = 0; i < noise.size(); i++) {
      windows.addAll(snapshot(noise.get(i), i, where + ".noise[" + i + "]"));
    }
    return windows;
  }

  /**
   * One snapshot: {@code {"atSeconds", "windowSeconds", "cpus": [...]}}. Each CPU may give its own
   * {@code windowSeconds} (as {@code noise --json} does); else the snapshot's ({@code
   * windowSeconds} or {@code durationSeconds}) holds for all of them.
   */
  static List<NoiseWindow> snapshot(JsonNode snapshot, int index, String where) {
    double shared =
        snapshot.path("windowSeconds").asDouble(snapshot.path("durationSeconds").asDouble(0));
    List<NoiseWindow> windows = new ArrayList<>();
    for (JsonNode cpu : snapshot.path("cpus")) {
      if (!cpu.path("cpu").canConvertToInt()) {
        throw new IllegalArgumentException(where + ".cpus[]: every entry needs a \"cpu\" number");
      }
      List<NoiseSource> sources = new ArrayList<>();
      for (JsonNode s : cpu.path("sources")) {
        OptionalDouble seconds =
            s.path("seconds").isNumber()
                ? OptionalDouble.of(s.get("seconds").asDouble())
                : OptionalDouble.empty();
        sources.add(
            new NoiseSource(
                s.path("name").asText("?"),
                s.path("kind").asText(""),
                s.path("events").asLong(),
                seconds));
      }
      double window = cpu.path("windowSeconds").asDouble(shared);
      if (!(window > 0)) {
        throw new IllegalArgumentException(
            where
                + ": CPU "
                + cpu.get("cpu").asInt()
                + " has no window length: windowSeconds (on the CPU or the window) or"
                + " durationSeconds must be a number > 0");
      }
      double at = snapshot.path("atSeconds").asDouble(index * window);
      windows.add(new NoiseWindow(at, window, cpu.get("cpu").asInt(), sources));
    }
    return windows;
  }
}
