package io.isocore.core.telemetry;

/**
 * {@code /proc/<pid>/task/<tid>/schedstat}: three numbers, present even without {@code
 * CONFIG_SCHEDSTATS} on recent kernels (the wait time is then 0).
 *
 * @param runNanos time spent on the CPU
 * @param waitNanos time spent waiting on a run queue
 * @param timeslices number of timeslices run on this CPU
 */
public record ThreadSchedstat(long runNanos, long waitNanos, long timeslices) {

  /**
   * Parses the file's single line.
   *
   * @throws IllegalArgumentException when it does not hold three numbers
   */
  public static ThreadSchedstat parse(String text) {
    String[] t = text.strip().split("\\s+");
    if (t.length < 3) {
      throw new IllegalArgumentException(
          "schedstat text needs three numbers, found '" + text.strip() + "'");
    }
    return new ThreadSchedstat(Long.parseLong(t[0]), Long.parseLong(t[1]), Long.parseLong(t[2]));
  }
}
