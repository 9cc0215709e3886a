package io.isocore.agent.probe;

import io.isocore.core.cpu.CpuSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Decides which CPU to probe next: only isolated CPUs nobody holds, each at most once per interval,
 * the one overdue longest first and never-probed CPUs (lowest id first) before all others. Windows
 * run one at a time so that two probes never disturb each other through SMT siblings or shared
 * caches.
 */
final class ProbeRotation {

  private final Map<Integer, Instant> lastEnd = new HashMap<>();

  /** Records that a window on {@code cpu} ended (or was given up) at {@code when}. */
  void ended(int cpu, Instant when) {
    lastEnd.put(cpu, when);
  }

  /** Returns the CPU to probe now, or empty when none is due. */
  OptionalInt next(Instant now, CpuSet isolated, CpuSet held, Duration interval) {
    CpuSet eligible = isolated.minus(held);
    int best = -1;
    Instant bestDue = null;
    for (int cpu : eligible.toList()) {
      Instant last = lastEnd.get(cpu);
      Instant due = last == null ? Instant.MIN : last.plus(interval);
      if (due.isAfter(now)) {
        continue;
      }
      if (bestDue == null || due.isBefore(bestDue)) {
        best = cpu;
        bestDue = due;
      }
    }
    return best < 0 ? OptionalInt.empty() : OptionalInt.of(best);
  }

  /** Returns how long until some eligible CPU is due (zero if one is due now). */
  Duration untilNextDue(Instant now, CpuSet isolated, CpuSet held, Duration interval) {
    Duration shortest = null;
    for (int cpu : isolated.minus(held).toList()) {
      Instant last = lastEnd.get(cpu);
      if (last == null) {
        return Duration.ZERO;
      }
      Duration wait = Duration.between(now, last.plus(interval));
      if (wait.isNegative()) {
        return Duration.ZERO;
      }
      if (shortest == null || wait.compareTo(shortest) < 0) {
        shortest = wait;
      }
    }
    return shortest == null ? interval : shortest;
  }
}
