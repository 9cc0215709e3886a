package io.isocore.core.audit;

import io.isocore.core.cpu.CpuSet;

/**
 * One interrupt line and where it may and does run.
 *
 * @param irq the IRQ number
 * @param name the device or action name from {@code /proc/interrupts}, or empty
 * @param affinity {@code /proc/irq/N/smp_affinity_list}: where it may run
 * @param effective {@code effective_affinity_list}: where it runs (the affinity where the kernel
 *     shows none)
 * @param managed whether the kernel manages the IRQ (its affinity cannot be written)
 */
public record IrqState(int irq, String name, CpuSet affinity, CpuSet effective, boolean managed) {}
