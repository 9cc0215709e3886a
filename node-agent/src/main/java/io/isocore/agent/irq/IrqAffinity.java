package io.isocore.agent.irq;

import io.isocore.agent.host.HostFiles;
import io.isocore.core.cpu.CpuSet;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * Keeps movable IRQs off exclusive CPUs through {@code /proc/irq/<n>/smp_affinity_list}, and gives
 * them their original affinity back once no exclusive CPU needs avoiding.
 *
 * <p>Level-triggered: each {@link #steer} pass computes, for every IRQ, its original affinity minus
 * the exclusive CPUs (or the fallback CPUs when nothing is left) and writes only where that differs
 * from what the kernel shows. Original affinities are remembered, and kept in a state file when one
 * is given, so that a restarted agent still restores them. The kernel answers EIO for managed IRQs
 * (per-queue device interrupts whose affinity it owns) and for a few fixed ones; those are
 * reported, not retried.
 */
public final class IrqAffinity {

  private static final Logger LOG = Logger.getLogger(IrqAffinity.class);

  private final Path root;
  private final Optional<Path> stateFile;
  private final AffinityWriter writer;
  private final Map<Integer, CpuSet> originals = new TreeMap<>();

  /**
   * Creates the adapter.
   *
   * @param root the filesystem root holding {@code proc/irq} and {@code proc/<pid>/comm}
   * @param stateFile where original affinities are kept across restarts, if anywhere
   * @param writer how affinities are written
   */
  public IrqAffinity(Path root, Optional<Path> stateFile, AffinityWriter writer)
      throws IOException {
    this.root = root;
    this.stateFile = stateFile;
    this.writer = writer;
    if (stateFile.isPresent() && Files.exists(stateFile.get())) {
      for (String line : Files.readAllLines(stateFile.get())) {
        String[] parts = line.strip().split("\\s+");
        if (parts.length == 2) {
          originals.put(Integer.parseInt(parts[0]), CpuSet.parse(parts[1]));
        }
      }
    }
  }

  /** Creates the adapter for the real {@code /proc} with no state file. */
  public IrqAffinity(Path root) throws IOException {
    this(root, Optional.empty(), AffinityWriter.FILES);
  }

  /**
   * Moves every movable IRQ off {@code exclusive}, and restores those no longer in the way.
   *
   * @param exclusive the CPUs held exclusively now (empty restores everything)
   * @param fallback where an IRQ goes when its whole original affinity is exclusive (the shared
   *     pool)
   */
  public IrqSteering steer(CpuSet exclusive, CpuSet fallback) throws IOException {
    List<IrqSteering.Move> moved = new ArrayList<>();
    List<IrqSteering.Move> restored = new ArrayList<>();
    List<IrqSteering.Unmovable> unmovable = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    boolean changed = false;
    for (int irq : irqs()) {
      Path file = root.resolve("proc/irq/" + irq + "/smp_affinity_list");
      CpuSet current;
      try {
        current = CpuSet.parse(HostFiles.readRequired(file));
      } catch (NoSuchFileException e) {
        continue;
      }
      CpuSet original = originals.getOrDefault(irq, current);
      CpuSet desired = original.minus(exclusive);
      if (desired.isEmpty()) {
        desired = fallback;
      }
      if (desired.isEmpty() || desired.equals(current)) {
        if (desired.equals(original) && originals.remove(irq) != null) {
          changed = true;
        }
        continue;
      }
      try {
        writer.write(file, desired.toListString());
      } catch (FileSystemException e) {
        if (current.intersects(exclusive)) {
          unmovable.add(new IrqSteering.Unmovable(irq, current, reason(e)));
        }
        continue;
      }
      if (desired.equals(original)) {
        originals.remove(irq);
        restored.add(new IrqSteering.Move(irq, current, desired));
      } else {
        originals.putIfAbsent(irq, original);
        moved.add(new IrqSteering.Move(irq, current, desired));
      }
      changed = true;
    }
    if (changed) {
      saveState();
    }
    if (!exclusive.isEmpty() && irqbalanceRunning()) {
      warnings.add(
          "irqbalance is running and may move IRQs back onto exclusive CPUs; ban them with"
              + " IRQBALANCE_BANNED_CPULIST="
              + exclusive
              + " or stop irqbalance on isocore nodes");
    }
    for (IrqSteering.Unmovable u : unmovable) {
      LOG.warn("IRQ " + u.irq() + " stays on " + u.affinity() + ": " + u.reason());
    }
    return new IrqSteering(moved, restored, unmovable, warnings);
  }

  /** Returns the IRQs whose original affinity is remembered, with it. */
  public Map<Integer, CpuSet> originals() {
    return Map.copyOf(originals);
  }

  /** Returns whether a process named {@code irqbalance} runs under the root's {@code proc}. */
  public boolean irqbalanceRunning() throws IOException {
    Path proc = root.resolve("proc");
    try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc, p -> isNumber(p))) {
      for (Path pid : pids) {
        try {
          if (HostFiles.readRequired(pid.resolve("comm")).strip().equals("irqbalance")) {
            return true;
          }
        } catch (IOException e) {
          // the process exited while we looked
        }
      }
    }
    return false;
  }

  private List<Integer> irqs() throws IOException {
    List<Integer> irqs = new ArrayList<>();
    Path dir = root.resolve("proc/irq");
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, IrqAffinity::isNumber)) {
      for (Path p : stream) {
        irqs.add(Integer.parseInt(p.getFileName().toString()));
      }
    }
    irqs.sort(Integer::compare);
    return irqs;
  }

  private static boolean isNumber(Path p) {
    String name = p.getFileName().toString();
    return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
  }

  private static String reason(FileSystemException e) {
    String reason = e.getReason() == null ? e.getMessage() : e.getReason();
    return reason.contains("Input/output error")
        ? "the kernel refused the move (EIO): a managed IRQ whose affinity the kernel owns"
        : reason;
  }

  private void saveState() throws IOException {
    if (stateFile.isEmpty()) {
      return;
    }
    StringBuilder out = new StringBuilder();
    originals.forEach((irq, cpus) -> out.append(irq).append(' ').append(cpus).append('\n'));
    Path tmp = stateFile.get().resolveSibling(stateFile.get().getFileName() + ".tmp");
    Files.createDirectories(stateFile.get().getParent());
    Files.writeString(tmp, out.toString());
    Files.move(
        tmp,
        stateFile.get(),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
