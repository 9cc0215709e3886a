package io.isocore.agent.topology;

import io.isocore.core.audit.IrqState;
import io.isocore.core.audit.IsolationState;
import io.isocore.core.audit.KernelCmdline;
import io.isocore.core.cpu.CpuSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the kernel's CPU isolation: {@code /sys/devices/system/cpu/{isolated,nohz_full}}, the
 * isolation parameters of {@code /proc/cmdline}, {@code /proc/irq/default_smp_affinity} and each
 * IRQ's affinity and effective affinity. An IRQ is managed when debugfs ({@code
 * /sys/kernel/debug/irq/irqs/N}) says {@code AFFINITY_MANAGED}; without debugfs no IRQ is known to
 * be managed.
 */
public final class IsolationReader {

  private final KernelFiles files;

  /** Reads through {@code files}, recording degradations there. */
  public IsolationReader(KernelFiles files) {
    this.files = files;
  }

  /** Reads the isolation state. */
  public IsolationState read() {
    Path cpu = files.path("sys/devices/system/cpu");
    CpuSet isolated = files.cpuList(cpu.resolve("isolated")).orElse(CpuSet.empty());
    // Without nohz_full the kernel prints "(null)" (padded with spaces) in this file.
    CpuSet nohzFull =
        files
            .parsed(
                cpu.resolve("nohz_full"),
                s -> s.equals("(null)") ? CpuSet.empty() : CpuSet.parse(s),
                "a CPU list")
            .orElse(CpuSet.empty());
    KernelCmdline cmdline =
        files
            .text(files.path("proc/cmdline"))
            .map(KernelCmdline::parse)
            .orElse(KernelCmdline.none());
    Path irqRoot = files.path("proc/irq");
    Optional<CpuSet> defaultAffinity = files.cpuMask(irqRoot.resolve("default_smp_affinity"));
    return new IsolationState(isolated, nohzFull, cmdline, defaultAffinity, irqs(irqRoot));
  }

  private List<IrqState> irqs(Path irqRoot) {
    List<Integer> ids = new ArrayList<>();
    for (Path dir : files.list(irqRoot, "")) {
      NumaReader.suffixId("irq" + dir.getFileName(), "irq").ifPresent(ids::add);
    }
    ids.sort(Integer::compare);
    List<IrqState> irqs = new ArrayList<>(ids.size());
    Path debug = files.path("sys/kernel/debug/irq/irqs");
    Path sysIrq = files.path("sys/kernel/irq");
    for (int irq : ids) {
      Path dir = irqRoot.resolve(Integer.toString(irq));
      Optional<CpuSet> affinity =
          files.cpuListOrMask(dir.resolve("smp_affinity_list"), dir.resolve("smp_affinity"));
      if (affinity.isEmpty()) {
        continue;
      }
      CpuSet effective =
          files
              .cpuListOrMask(
                  dir.resolve("effective_affinity_list"), dir.resolve("effective_affinity"))
              .filter(e -> !e.isEmpty())
              .orElse(affinity.get());
      String name = files.text(sysIrq.resolve(Integer.toString(irq)).resolve("actions")).orElse("");
      boolean managed =
          Files.exists(debug)
              && files
                  .text(debug.resolve(Integer.toString(irq)))
                  .map(t -> t.contains("AFFINITY_MANAGED"))
                  .orElse(false);
      irqs.add(new IrqState(irq, name, affinity.get(), effective, managed));
    }
    return irqs;
  }
}
