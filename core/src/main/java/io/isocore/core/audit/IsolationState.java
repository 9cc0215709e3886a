package io.isocore.core.audit;

import io.isocore.core.cpu.CpuSet;
import java.util.List;
import java.util.Optional;

/**
 * The kernel's CPU isolation as the agent read it.
 *
 * @param isolated {@code /sys/devices/system/cpu/isolated}
 * @param nohzFull {@code /sys/devices/system/cpu/nohz_full}
 * @param cmdline the isolation parameters of {@code /proc/cmdline}
 * @param defaultIrqAffinity {@code /proc/irq/default_smp_affinity}, if readable
 * @param irqs the IRQs with their affinities
 */
public record IsolationState(
    CpuSet isolated,
    CpuSet nohzFull,
    KernelCmdline cmdline,
    Optional<CpuSet> defaultIrqAffinity,
    List<IrqState> irqs) {

  /** Copies the list. */
  public IsolationState {
    irqs = List.copyOf(irqs);
  }

  /** No isolation at all. */
  public static IsolationState none() {
    return new IsolationState(
        CpuSet.empty(), CpuSet.empty(), KernelCmdline.none(), Optional.empty(), List.of());
  }

  /**
   * The CPUs the kernel keeps away from general scheduling: the sysfs {@code isolated} file, or
   * where it is empty (kernels before 4.x, or isolcpus without {@code domain}) the command line's
   * {@code isolcpus}.
   */
  public CpuSet kernelIsolated() {
    return isolated.isEmpty() ? cmdline.isolcpus().orElse(CpuSet.empty()) : isolated;
  }

  /** The IRQs the kernel manages. */
  public List<Integer> managedIrqs() {
    return irqs.stream().filter(IrqState::managed).map(IrqState::irq).toList();
  }
}
