package io.isocore.report;

/**
 * One point of a latency distribution.
 *
 * @param percentile 0 to 100
 * @param nanos the latency at that percentile
 */
public record PercentilePoint(double percentile, long nanos) {}
