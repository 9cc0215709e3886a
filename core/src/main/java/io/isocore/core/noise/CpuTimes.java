package io.isocore.core.noise;

/**
 * One CPU's line of {@code /proc/stat}, in USER_HZ ticks.
 *
 * @param cpu the CPU id
 * @param irqTicks time in hard interrupts (non-zero only with IRQ time accounting)
 * @param softirqTicks time in softirqs
 * @param stealTicks time the hypervisor gave to someone else
 */
public record CpuTimes(int cpu, long irqTicks, long softirqTicks, long stealTicks) {}
