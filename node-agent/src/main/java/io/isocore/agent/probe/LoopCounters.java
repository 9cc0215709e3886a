package io.isocore.agent.probe;

/**
 * The scalar results of one loop run, filled in place after the loop ends so that the loop
 * allocates nothing. One instance per probe thread, reused.
 */
final class LoopCounters {
  long startNanos;
  long endNanos;
  long iterations;
  long gaps;
  long maxGapNanos;
  long minPeriodNanos;
  boolean stopped;

  long elapsedNanos() {
    return endNanos - startNanos;
  }
}
