package io.isocore.core.noise;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Recorded /proc files of this 2-CPU VM (one second apart) and a hand-made osnoise trace. */
final class NoiseFixtures {

  private NoiseFixtures() {}

  static String read(String name) {
    try (InputStream in = NoiseFixtures.class.getResourceAsStream("/noise/" + name)) {
      if (in == null) {
        throw new IllegalStateException("no fixture /noise/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A snapshot of the recorded files ({@code start} or {@code end}), no tasks. */
  static NoiseSnapshot snapshot(String which, long nanos, boolean irqTimeAccounted) {
    return new NoiseSnapshot(
        nanos,
        ProcCounterTables.interrupts("interrupts", read("interrupts-" + which + ".txt")),
        ProcCounterTables.softirqs("softirqs", read("softirqs-" + which + ".txt")),
        ProcStatTimes.parse("stat", read("stat-" + which + ".txt")),
        java.util.Map.of(),
        irqTimeAccounted);
  }
}
