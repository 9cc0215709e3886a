package io.isocore.core.telemetry;

/**
 * The fields of {@code /proc/<pid>/task/<tid>/stat} the agent uses.
 *
 * @param minorFaults field 10, {@code minflt}
 * @param majorFaults field 12, {@code majflt}
 * @param startTimeTicks field 22, {@code starttime}: with the tid it names one thread for good,
 *     since tids are reused
 * @param processor field 39, the CPU the thread last ran on
 * @param policy field 41, the scheduling policy ({@link #SCHED_FIFO}, {@link #SCHED_RR}, ...)
 */
public record ThreadStat(
    long minorFaults, long majorFaults, long startTimeTicks, int processor, int policy) {

  /** {@code SCHED_FIFO}. */
  public static final int SCHED_FIFO = 1;

  /** {@code SCHED_RR}. */
  public static final int SCHED_RR = 2;

  /** Whether the thread runs under a real-time policy (FIFO or RR). */
  public boolean realtime() {
    return policy == SCHED_FIFO || policy == SCHED_RR;
  }

  /**
   * Parses one stat line. The command name (field 2) is in parentheses and may itself hold spaces
   * and parentheses, so fields are counted from the last {@code ')'}.
   *
   * @throws IllegalArgumentException when the line is truncated or not a stat line
   */
  public static ThreadStat parse(String text) {
    int close = text.lastIndexOf(')');
    if (close < 0) {
      throw new IllegalArgumentException("stat text has no '(comm)' field: '" + text.strip() + "'");
    }
    String[] f = text.substring(close + 1).strip().split("\\s+");
    // f[0] is field 3 (state), so field n is f[n - 3].
    if (f.length < 41 - 2) {
      throw new IllegalArgumentException(
          "stat text has " + (f.length + 2) + " fields, need at least 41: '" + text.strip() + "'");
    }
    return new ThreadStat(
        Long.parseLong(f[10 - 3]),
        Long.parseLong(f[12 - 3]),
        Long.parseLong(f[22 - 3]),
        Integer.parseInt(f[39 - 3]),
        Integer.parseInt(f[41 - 3]));
  }
}
