package io.isocore.core.telemetry;

import java.util.OptionalLong;

/**
 * Reads {@code se.nr_migrations} from {@code /proc/<pid>/task/<tid>/sched}, a debug file that
 * exists only with {@code CONFIG_SCHED_DEBUG} and whose layout is not a stable ABI.
 */
public final class ThreadSched {

  private ThreadSched() {}

  /** Returns the migration count, or empty when the line is absent. */
  public static OptionalLong migrations(String text) {
    for (String line : text.lines().toList()) {
      if (line.startsWith("se.nr_migrations")) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          String value = line.substring(colon + 1).strip();
          if (ProcCpuTable.isDigits(value)) {
            return OptionalLong.of(Long.parseLong(value));
          }
        }
      }
    }
    return OptionalLong.empty();
  }
}
