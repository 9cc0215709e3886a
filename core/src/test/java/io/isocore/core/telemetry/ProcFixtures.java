package io.isocore.core.telemetry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Loads the captured and hand-written /proc texts under src/test/resources/proc. */
final class ProcFixtures {

  private ProcFixtures() {}

  static String read(String name) {
    try (InputStream in = ProcFixtures.class.getResourceAsStream("/proc/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource /proc/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
