package io.isocore.report;

import java.util.OptionalDouble;

/**
 * One source's noise on one CPU during one window, as {@code ./isocore noise --json} names it.
 *
 * @param name the source ("LOC", "RES", "ksoftirqd/1", "steal")
 * @param kind irq, softirq, thread, steal, ...
 * @param events how many times it interrupted the CPU in the window
 * @param seconds the time it took from the CPU in the window, when measured
 */
public record NoiseSource(String name, String kind, long events, OptionalDouble seconds) {}
