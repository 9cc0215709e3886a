package io.isocore.core.telemetry;

/**
 * One CPU's line of {@code /proc/schedstat}.
 *
 * @param cpu the logical CPU
 * @param runNanos time tasks spent running on this CPU (field 7), nanoseconds
 * @param waitNanos time tasks spent waiting on this CPU's run queue (field 8), nanoseconds
 */
public record CpuSchedstat(int cpu, long runNanos, long waitNanos) {}
