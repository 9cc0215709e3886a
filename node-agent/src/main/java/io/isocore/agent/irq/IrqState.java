package io.isocore.agent.irq;

import io.isocore.core.cpu.CpuListFormatException;
import io.isocore.core.cpu.CpuSet;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * What isocore changed in {@code /proc/irq}, as kept in the state file: for each IRQ it moved, the
 * affinity it found (to restore) and the affinity it wrote (to know whether the value is still
 * isocore's), and the boot the numbers belong to (IRQ numbers change across reboots).
 *
 * <p>The file is text, one fact a line:
 *
 * <pre>
 * isocore-irq-state v2
 * boot-id 6f1c...
 * 24 0-7 0-3,6-7
 * 25 4 0-3 4
 * </pre>
 *
 * <p>An IRQ line is {@code <irq> <original> <written>}, with a fourth field while a write is under
 * way: the value the IRQ had before it (the state is saved before the kernel is written, so after a
 * crash the IRQ holds either that value or the written one).
 *
 * @param bootId {@code /proc/sys/kernel/random/boot_id} of the boot the entries belong to
 * @param entries IRQ number to its original and written affinity
 */
public record IrqState(String bootId, Map<Integer, Entry> entries) {

  /** The first line of every state file this version writes. */
  static final String HEADER = "isocore-irq-state v2";

  /** Copies the map, sorted by IRQ number. */
  public IrqState {
    entries = Map.copyOf(entries);
  }

  /**
   * One IRQ isocore moved.
   *
   * @param original the affinity isocore found and restores
   * @param written the affinity isocore wrote (or is about to write)
   * @param before the affinity before that write; equal to {@code written} once it is done
   */
  public record Entry(CpuSet original, CpuSet written, CpuSet before) {

    /** An entry with no write under way. */
    public Entry(CpuSet original, CpuSet written) {
      this(original, written, written);
    }

    /** Whether {@code current} is a value isocore left (or was about to replace) on the IRQ. */
    public boolean isocoreLeft(CpuSet current) {
      return current.equals(written) || current.equals(before);
    }
  }

  /** Returns the file's text. */
  public String format() {
    StringBuilder out = new StringBuilder(HEADER).append('\n');
    out.append("boot-id ").append(bootId).append('\n');
    new TreeMap<>(entries)
        .forEach(
            (irq, e) ->
                out.append(irq)
                    .append(' ')
                    .append(e.original().toListString())
                    .append(' ')
                    .append(e.written().toListString())
                    .append(e.before().equals(e.written()) ? "" : " " + e.before().toListString())
                    .append('\n'));
    return out.toString();
  }

  /**
   * Parses a state file's text.
   *
   * @param file the file, for messages
   * @throws InvalidIrqStateException naming the file, the line and what was expected
   */
  public static IrqState parse(Path file, String text) throws InvalidIrqStateException {
    String[] lines = text.split("\n", -1);
    if (!lines[0].strip().equals(HEADER)) {
      throw new InvalidIrqStateException(
          file,
          "line 1 is '"
              + abbreviate(lines[0])
              + "', expected '"
              + HEADER
              + "' (a file of an older agent has no boot id, so its IRQ numbers cannot be"
              + " trusted)");
    }
    if (lines.length < 2 || !lines[1].startsWith("boot-id ")) {
      throw new InvalidIrqStateException(file, "line 2 must be 'boot-id <id>'");
    }
    String bootId = lines[1].substring("boot-id ".length()).strip();
    Map<Integer, Entry> entries = new TreeMap<>();
    for (int i = 2; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      entries.put(irq(file, i + 1, line), entry(file, i + 1, line));
    }
    return new IrqState(bootId, entries);
  }

  private static int irq(Path file, int lineNumber, String line) throws InvalidIrqStateException {
    String[] parts = line.split("\\s+");
    try {
      int irq = Integer.parseInt(parts[0]);
      if (irq < 0) {
        throw new NumberFormatException();
      }
      return irq;
    } catch (NumberFormatException e) {
      throw new InvalidIrqStateException(
          file, "line " + lineNumber + ": '" + abbreviate(parts[0]) + "' is not an IRQ number");
    }
  }

  private static Entry entry(Path file, int lineNumber, String line)
      throws InvalidIrqStateException {
    String[] parts = line.split("\\s+");
    if (parts.length != 3 && parts.length != 4) {
      throw new InvalidIrqStateException(
          file,
          "line "
              + lineNumber
              + ": '"
              + abbreviate(line)
              + "' should be '<irq> <original cpus> <written cpus> [<cpus before the write>]'");
    }
    try {
      CpuSet written = CpuSet.parseNonEmpty(parts[2]);
      return new Entry(
          CpuSet.parseNonEmpty(parts[1]),
          written,
          parts.length == 4 ? CpuSet.parseNonEmpty(parts[3]) : written);
    } catch (CpuListFormatException e) {
      throw new InvalidIrqStateException(file, "line " + lineNumber + ": " + e.getMessage());
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "..." : s;
  }
}
