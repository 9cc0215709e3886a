package io.isocore.core.telemetry;

/**
 * One per-CPU counter read from a row of {@code /proc/interrupts} or {@code /proc/softirqs}.
 *
 * @param cpu the logical CPU of the column
 * @param type the exported type: the row name ({@code LOC}, {@code TIMER}, ...) or {@code device}
 *     for numbered IRQ rows
 * @param row the row the value came from ({@code LOC}, {@code 24}, ...); several rows may share a
 *     type, and each is accumulated on its own so a removed IRQ does not look like a reset
 * @param value the raw counter value
 */
public record CpuCounter(int cpu, String type, String row, long value) {}
