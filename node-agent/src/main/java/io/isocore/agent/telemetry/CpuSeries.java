package io.isocore.agent.telemetry;

/**
 * One per-CPU counter series: a CPU and a type (LOC, TIMER, ...).
 *
 * @param cpu the logical CPU
 * @param type the interrupt or softirq type
 */
public record CpuSeries(int cpu, String type) {}
