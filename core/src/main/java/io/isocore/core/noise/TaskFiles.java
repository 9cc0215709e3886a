package io.isocore.core.noise;

import java.util.Optional;

/** Parses one thread's {@code stat} and {@code schedstat} files into a {@link TaskSample}. */
public final class TaskFiles {

  /** Nanoseconds per clock tick at the usual USER_HZ of 100. */
  static final long NANOS_PER_TICK = 10_000_000L;

  private TaskFiles() {}

  /**
   * Parses a thread.
   *
   * @param file the stat file's name, for errors
   * @param stat the text of {@code stat}
   * @param schedstat the text of {@code schedstat}, empty when the kernel has none (then run time
   *     is utime + stime at 100 ticks per second)
   * @return the sample
   */
  public static TaskSample parse(String file, String stat, Optional<String> schedstat) {
    int open = stat.indexOf('(');
    int close = stat.lastIndexOf(')');
    if (open <= 0 || close < open) {
      throw new NoiseParseException(file, 1, "expected 'PID (COMM) STATE ...'");
    }
    long tid = NoiseLimits.counter(file, 1, stat.substring(0, open).strip());
    String comm = NoiseLimits.name(stat.substring(open + 1, close));
    String[] f = stat.substring(close + 1).strip().split("\\s+");
    if (f.length < 37) {
      throw new NoiseParseException(
          file, 1, "expected at least 39 fields (processor is field 39), found " + (f.length + 2));
    }
    long utime = NoiseLimits.counter(file, 1, f[11]);
    long stime = NoiseLimits.counter(file, 1, f[12]);
    long start = NoiseLimits.counter(file, 1, f[19]);
    int processor = NoiseLimits.cpu(file, 1, f[36]);
    long run = (utime + stime) * NANOS_PER_TICK;
    if (schedstat.isPresent() && !schedstat.get().isBlank()) {
      String[] s = schedstat.get().strip().split("\\s+");
      run = NoiseLimits.counter(file.replace("/stat", "/schedstat"), 1, s[0]);
    }
    return new TaskSample(tid, start, comm, processor, run, -1);
  }
}
