package io.isocore.core.alloc;

import io.isocore.core.cpu.CpuSet;
import java.util.Arrays;
import java.util.Map;

/**
 * The longest interruption each CPU saw in its last jitter probe window, in nanoseconds. Stored
 * densely by CPU id, since a node carries one value for most of its CPUs.
 */
public final class CpuJitter {

  private static final long UNKNOWN = -1;
  private static final CpuJitter NONE = new CpuJitter(new long[0]);

  private final long[] maxNanos;

  private CpuJitter(long[] maxNanos) {
    this.maxNanos = maxNanos;
  }

  /** Returns a table without measurements. */
  public static CpuJitter none() {
    return NONE;
  }

  /**
   * Returns the table of {@code maxNanosByCpu}.
   *
   * <p>The table is sized by the largest CPU id, so ids are checked against {@link
   * CpuSet#MAX_CPU_ID} before anything is allocated: an id from an API object is never trusted to
   * size an array.
   *
   * @throws IllegalArgumentException for a CPU id outside 0 to {@link CpuSet#MAX_CPU_ID} or a
   *     negative value
   */
  public static CpuJitter of(Map<Integer, Long> maxNanosByCpu) {
    if (maxNanosByCpu.isEmpty()) {
      return NONE;
    }
    for (Map.Entry<Integer, Long> e : maxNanosByCpu.entrySet()) {
      int cpu = e.getKey();
      if (cpu < 0 || cpu > CpuSet.MAX_CPU_ID) {
        throw new IllegalArgumentException(
            "jitter of CPU "
                + cpu
                + ": CPU ids are 0-"
                + CpuSet.MAX_CPU_ID
                + " (Linux NR_CPUS maximum)");
      }
    }
    int last = maxNanosByCpu.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1);
    long[] values = new long[last + 1];
    Arrays.fill(values, UNKNOWN);
    maxNanosByCpu.forEach(
        (cpu, nanos) -> {
          if (cpu < 0 || nanos < 0) {
            throw new IllegalArgumentException(
                "jitter of CPU " + cpu + " = " + nanos + " ns: both must be non-negative");
          }
          values[cpu] = nanos;
        });
    return new CpuJitter(values);
  }

  /** Returns whether the CPU has a measurement. */
  public boolean known(int cpu) {
    return cpu >= 0 && cpu < maxNanos.length && maxNanos[cpu] != UNKNOWN;
  }

  /** Returns the CPU's last window maximum in nanoseconds, or -1 when it was not measured. */
  public long maxNanos(int cpu) {
    return known(cpu) ? maxNanos[cpu] : UNKNOWN;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CpuJitter other && Arrays.equals(maxNanos, other.maxNanos);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(maxNanos);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("CpuJitter{");
    for (int cpu = 0; cpu < maxNanos.length; cpu++) {
      if (maxNanos[cpu] != UNKNOWN) {
        text.append(text.length() > 10 ? ", " : "").append(cpu).append('=').append(maxNanos[cpu]);
      }
    }
    return text.append('}').toString();
  }
}
