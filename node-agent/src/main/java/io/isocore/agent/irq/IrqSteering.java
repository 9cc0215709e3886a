package io.isocore.agent.irq;

import io.isocore.core.cpu.CpuSet;
import java.util.List;

/**
 * What one {@link IrqAffinity#steer} pass did.
 *
 * @param moved IRQs moved off exclusive CPUs in this pass
 * @param restored IRQs given back their original affinity in this pass
 * @param unmovable IRQs on exclusive CPUs the kernel refused to move (managed IRQs answer EIO)
 * @param warnings what an operator should know, such as irqbalance running
 */
public record IrqSteering(
    List<Move> moved, List<Move> restored, List<Unmovable> unmovable, List<String> warnings) {

  /** Copies the lists. */
  public IrqSteering {
    moved = List.copyOf(moved);
    restored = List.copyOf(restored);
    unmovable = List.copyOf(unmovable);
    warnings = List.copyOf(warnings);
  }

  /**
   * One affinity change.
   *
   * @param irq the IRQ number
   * @param from the affinity before
   * @param to the affinity written
   */
  public record Move(int irq, CpuSet from, CpuSet to) {}

  /**
   * An IRQ that stays on exclusive CPUs.
   *
   * @param irq the IRQ number
   * @param affinity its affinity
   * @param reason what the kernel answered
   */
  public record Unmovable(int irq, CpuSet affinity, String reason) {}
}
