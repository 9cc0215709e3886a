package io.isocore.core.noise;

import java.util.Map;

/**
 * What the kernel reported at one instant: the two counter tables, {@code /proc/stat}'s per-CPU
 * times and the threads seen. An empty part means the file could not be read.
 *
 * @param monotonicNanos when the snapshot was taken (a monotonic clock)
 * @param interrupts {@code /proc/interrupts}
 * @param softirqs {@code /proc/softirqs}
 * @param times {@code /proc/stat} per CPU
 * @param tasks threads by tid
 * @param irqTimeAccounted whether the kernel accounts hard and soft IRQ time precisely ({@code
 *     CONFIG_IRQ_TIME_ACCOUNTING}), which makes {@code times}' irq and softirq exact
 */
public record NoiseSnapshot(
    long monotonicNanos,
    CounterTable interrupts,
    CounterTable softirqs,
    Map<Integer, CpuTimes> times,
    Map<Long, TaskSample> tasks,
    boolean irqTimeAccounted) {

  /** Copies the maps. */
  public NoiseSnapshot {
    times = Map.copyOf(times);
    tasks = Map.copyOf(tasks);
  }
}
