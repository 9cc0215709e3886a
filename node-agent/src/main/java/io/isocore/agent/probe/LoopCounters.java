package io.isocore.agent.probe;

/**
 * The scalar results of one loop run, filled in place after the loop ends so that the loop
 * allocates nothing. One instance per probe thread, reused.
 */
public final class LoopCounters {
  long startNanos;
  long endNanos;
  long iterations;
  long gaps;
  long maxGapNanos;
  long minPeriodNanos;
  boolean stopped;

  /** An empty set of counters, filled by {@link JitterLoop#run}. */
  public LoopCounters() {}

  /** Wall time of the last run. */
  public long elapsedNanos() {
    return endNanos - startNanos;
  }

  /** Loop iterations of the last run. */
  public long iterations() {
    return iterations;
  }

  /** The longest gap between two iterations, in nanoseconds. */
  public long maxGapNanos() {
    return maxGapNanos;
  }

  /** The shortest iteration, in nanoseconds. */
  public long minPeriodNanos() {
    return minPeriodNanos;
  }
}
