package io.isocore.agent.probe;

import java.time.Instant;

/**
 * One completed probe window on one CPU.
 *
 * @param cpu the probed CPU
 * @param end when the window ended
 * @param elapsedNanos measured length of the window
 * @param iterations loop iterations (clock reads)
 * @param gaps gaps at or above the threshold
 * @param maxGapNanos the longest gap, 0 when there was none above the threshold
 * @param p9999Nanos the 99.99th percentile of the gaps at or above the threshold (sysjitter's
 *     convention: a percentile of interruptions, not of all loop iterations), 0 when none
 * @param minPeriodNanos the shortest loop iteration: the cost of one clock read
 * @param interruptsPerSecond interrupts on this CPU per second during the window, from
 *     /proc/interrupts; negative when unknown
 * @param thresholdNanos the threshold used
 */
public record ProbeWindow(
    int cpu,
    Instant end,
    long elapsedNanos,
    long iterations,
    long gaps,
    long maxGapNanos,
    long p9999Nanos,
    long minPeriodNanos,
    double interruptsPerSecond,
    long thresholdNanos) {}
