package io.isocore.core.admission;

import java.time.Instant;
import java.util.Objects;

/**
 * Extra tickets inside a time window: {@code [start, end)}.
 *
 * @param factor the multiplier on tickets inside the window, at least 1
 * @param start when the window opens (included)
 * @param end when it closes (excluded), after start
 */
public record InflationWindow(double factor, Instant start, Instant end) {

  /** Rejects a factor below 1 and an empty or reversed window. */
  public InflationWindow {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!(factor >= 1)) {
      throw new IllegalArgumentException("inflation factor must be at least 1, got " + factor);
    }
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException(
          "inflation window end " + end + " must be after start " + start);
    }
  }

  /** Returns whether {@code now} is inside {@code [start, end)}. */
  public boolean contains(Instant now) {
    return !now.isBefore(start) && now.isBefore(end);
  }
}
