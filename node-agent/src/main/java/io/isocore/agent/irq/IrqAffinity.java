package io.isocore.agent.irq;

import io.isocore.agent.host.HostFiles;
import io.isocore.agent.host.HostRoot;
import io.isocore.core.cpu.CpuSet;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Keeps movable IRQs off exclusive CPUs through {@code /proc/irq/<n>/smp_affinity_list}, and gives
 * back what isocore moved once no exclusive CPU needs avoiding, steering is turned off or the node
 * is uninstalled ({@link #restore}).
 *
 * <p>Level-triggered: each {@link #steer} pass computes, for every IRQ, its original affinity minus
 * the exclusive CPUs (or the fallback CPUs when nothing is left) and writes only where that differs
 * from what the kernel shows. For every IRQ it moves, isocore keeps the original and the value it
 * wrote in the {@link IrqStateFile}, saved durably <em>before</em> the kernel is written. An IRQ
 * whose affinity someone else changed since isocore wrote it is theirs again: isocore forgets its
 * original and says so, rather than overwrite their choice. The kernel answers EIO for managed IRQs
 * (per-queue device interrupts whose affinity it owns) and for a few fixed ones; those are
 * reported, not retried.
 */
public final class IrqAffinity {

  private static final Logger LOG = Logger.getLogger(IrqAffinity.class);

  private final Path root;
  private final Optional<IrqStateFile> stateFile;
  private final AffinityWriter writer;
  private final String bootId;
  private final Optional<IrqStateFile.SetAside> setAside;
  private Map<Integer, IrqState.Entry> entries;

  /** One kernel write a pass plans. */
  private record Planned(int irq, Path file, CpuSet current, CpuSet desired, boolean restore) {}

  /**
   * Creates the adapter and reads the state file; a corrupt or foreign-boot file is set aside
   * ({@link #setAside}), never a reason to fail.
   *
   * @param host the host holding {@code proc/irq}, {@code proc/<pid>/comm} and the boot id
   * @param stateFile where what isocore moved is kept across restarts, if anywhere
   * @param writer how affinities are written
   * @throws IOException when the state file exists but cannot be read or set aside
   */
  public IrqAffinity(HostRoot host, Optional<Path> stateFile, AffinityWriter writer, Clock clock)
      throws IOException {
    this.root = host.root();
    this.stateFile = stateFile.map(f -> new IrqStateFile(f, host, clock));
    this.writer = writer;
    if (this.stateFile.isPresent()) {
      IrqStateFile.Loaded loaded = this.stateFile.get().load();
      this.bootId = loaded.state().bootId();
      this.entries = new TreeMap<>(loaded.state().entries());
      this.setAside = loaded.setAside(); // the caller logs it and records an Event
    } else {
      this.bootId = "unknown";
      this.entries = new TreeMap<>();
      this.setAside = Optional.empty();
    }
  }

  /** Creates the adapter over the filesystem root {@code root} (holding {@code proc/}). */
  public IrqAffinity(Path root, Optional<Path> stateFile, AffinityWriter writer)
      throws IOException {
    this(new HostRoot(root), stateFile, writer, Clock.systemUTC());
  }

  /** Creates the adapter for the real {@code /proc} with no state file. */
  public IrqAffinity(Path root) throws IOException {
    this(root, Optional.empty(), AffinityWriter.FILES);
  }

  /** The state file set aside at start-up (corrupt, or of another boot), if any. */
  public Optional<IrqStateFile.SetAside> setAside() {
    return setAside;
  }

  /**
   * Moves every movable IRQ off {@code exclusive}, and restores those no longer in the way.
   *
   * @param exclusive the CPUs held exclusively now (empty restores everything)
   * @param fallback where an IRQ goes when its whole original affinity is exclusive (the shared
   *     pool)
   * @throws IOException when {@code /proc/irq} cannot be listed or the state file not saved (then
   *     nothing was written to the kernel)
   */
  public IrqSteering steer(CpuSet exclusive, CpuSet fallback) throws IOException {
    IrqSteering steering = pass(Optional.of(exclusive), fallback);
    if (!exclusive.isEmpty() && irqbalanceRunning()) {
      List<String> warnings = new ArrayList<>(steering.warnings());
      warnings.add(
          "irqbalance is running and may move IRQs back onto exclusive CPUs; ban them with"
              + " IRQBALANCE_BANNED_CPULIST="
              + exclusive
              + " or stop irqbalance on isocore nodes");
      return new IrqSteering(steering.moved(), steering.restored(), steering.unmovable(), warnings);
    }
    return steering;
  }

  /**
   * Gives every IRQ isocore moved its original affinity back, where it still holds the value
   * isocore wrote; touches no other IRQ. Idempotent: a second call finds nothing to do.
   *
   * @throws IOException when {@code /proc/irq} cannot be listed or the state file not saved
   */
  public IrqSteering restore() throws IOException {
    if (entries.isEmpty()) {
      return new IrqSteering(List.of(), List.of(), List.of(), List.of()); // nothing moved
    }
    return pass(Optional.empty(), CpuSet.empty());
  }

  /** Returns the IRQs isocore moved, with their original affinity. */
  public Map<Integer, CpuSet> originals() {
    return entries.entrySet().stream()
        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> e.getValue().original()));
  }

  /** One pass: plan, save the state (write-ahead), write the kernel, save what happened. */
  private IrqSteering pass(Optional<CpuSet> exclusive, CpuSet fallback) throws IOException {
    List<String> warnings = new ArrayList<>();
    TreeSet<Integer> present = new TreeSet<>(irqs());
    Map<Integer, IrqState.Entry> next = new TreeMap<>(entries);
    next.keySet().retainAll(present); // an IRQ that is gone (device removed) needs nothing
    List<Planned> planned = new ArrayList<>();
    for (int irq : exclusive.isPresent() ? present : new TreeSet<>(next.keySet())) {
      plan(irq, exclusive, fallback, next, warnings).ifPresent(planned::add);
    }
    for (Planned p : planned) {
      if (!p.restore()) {
        IrqState.Entry old = next.get(p.irq());
        CpuSet original = old == null ? p.current() : old.original();
        next.put(p.irq(), new IrqState.Entry(original, p.desired(), p.current()));
      }
    }
    save(next); // before the first kernel write: a crash from here on loses no original
    return apply(planned, exclusive.orElse(CpuSet.empty()), next, warnings);
  }

  /** Decides one IRQ: nothing, a move, or a restore; forgets IRQs someone else changed. */
  private Optional<Planned> plan(
      int irq,
      Optional<CpuSet> exclusive,
      CpuSet fallback,
      Map<Integer, IrqState.Entry> next,
      List<String> warnings)
      throws IOException {
    Path file = root.resolve("proc/irq/" + irq + "/smp_affinity_list");
    CpuSet current;
    try {
      current = CpuSet.parse(HostFiles.readRequired(file).strip());
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    IrqState.Entry entry = next.get(irq);
    if (entry != null && !entry.isocoreLeft(current)) {
      next.remove(irq);
      if (!current.equals(entry.original())) {
        warnings.add(
            "IRQ "
                + irq
                + " is on "
                + current
                + ", not on "
                + entry.written()
                + " where isocore put it: someone else changed it since, so isocore leaves it"
                + " there (its original was "
                + entry.original()
                + ")");
      }
      entry = null;
    } else if (entry != null && current.equals(entry.original())) {
      next.remove(irq); // a write-ahead entry whose write never happened
      entry = null;
    } else if (entry != null) {
      entry = new IrqState.Entry(entry.original(), current);
      next.put(irq, entry);
    }
    CpuSet original = entry == null ? current : entry.original();
    CpuSet desired = original;
    if (exclusive.isPresent()) {
      desired = original.minus(exclusive.get());
      desired = desired.isEmpty() ? fallback : desired;
    }
    if (desired.isEmpty() || desired.equals(current)) {
      return Optional.empty();
    }
    return Optional.of(new Planned(irq, file, current, desired, desired.equals(original)));
  }

  private IrqSteering apply(
      List<Planned> planned,
      CpuSet exclusive,
      Map<Integer, IrqState.Entry> next,
      List<String> warnings)
      throws IOException {
    List<IrqSteering.Move> moved = new ArrayList<>();
    List<IrqSteering.Move> restored = new ArrayList<>();
    List<IrqSteering.Unmovable> unmovable = new ArrayList<>();
    for (Planned p : planned) {
      try {
        writer.write(p.file(), p.desired().toListString());
      } catch (FileSystemException e) {
        if (p.restore()) {
          warnings.add(
              "IRQ " + p.irq() + " could not be restored to " + p.desired() + ": " + reason(e));
        } else {
          IrqState.Entry entry = next.get(p.irq());
          if (entry.original().equals(p.current())) {
            next.remove(p.irq());
          } else {
            next.put(p.irq(), new IrqState.Entry(entry.original(), p.current()));
          }
          if (p.current().intersects(exclusive)) {
            unmovable.add(new IrqSteering.Unmovable(p.irq(), p.current(), reason(e)));
          }
        }
        continue;
      }
      if (p.restore()) {
        next.remove(p.irq());
        restored.add(new IrqSteering.Move(p.irq(), p.current(), p.desired()));
      } else {
        next.put(p.irq(), new IrqState.Entry(next.get(p.irq()).original(), p.desired()));
        moved.add(new IrqSteering.Move(p.irq(), p.current(), p.desired()));
      }
    }
    save(next);
    for (IrqSteering.Unmovable u : unmovable) {
      LOG.warn("IRQ " + u.irq() + " stays on " + u.affinity() + ": " + u.reason());
    }
    return new IrqSteering(moved, restored, unmovable, warnings);
  }

  /** Saves the state when it differs from what is saved. */
  private void save(Map<Integer, IrqState.Entry> next) throws IOException {
    if (next.equals(entries)) {
      return;
    }
    if (stateFile.isPresent()) {
      stateFile.get().save(new IrqState(bootId, next));
    }
    entries = new TreeMap<>(next);
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
}
