package io.isocore.core.telemetry;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the per-CPU tables of {@code /proc/interrupts} and {@code /proc/softirqs}.
 *
 * <p>Both files start with a header naming the online CPUs ({@code CPU0 CPU1 CPU3}: offline CPUs
 * are left out, so columns appear and disappear with hotplug). Each row is {@code NAME:} followed
 * by one value per header column and, in {@code /proc/interrupts}, a free-text description. Rows
 * with fewer values than columns ({@code ERR:} and {@code MIS:} hold one node-wide value) are not
 * per-CPU and are skipped, as are rows this parser cannot read: an unknown row never fails a
 * scrape.
 */
public final class ProcCpuTable {

  /** The type given to numbered (device) IRQ rows of {@code /proc/interrupts}. */
  public static final String DEVICE = "device";

  private ProcCpuTable() {}

  /** Parses {@code /proc/interrupts}: named rows keep their name, numbered rows become device. */
  public static List<CpuCounter> parseInterrupts(String text) {
    return parse(text, true);
  }

  /** Parses {@code /proc/softirqs}: every row keeps its name. */
  public static List<CpuCounter> parseSoftirqs(String text) {
    return parse(text, false);
  }

  private static List<CpuCounter> parse(String text, boolean numberedRowsAreDevices) {
    List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
    if (lines.isEmpty()) {
      return List.of();
    }
    int[] cpus = header(lines.get(0));
    List<CpuCounter> out = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String row = line.substring(0, colon).strip();
      if (row.isEmpty()) {
        continue;
      }
      String[] tokens = line.substring(colon + 1).strip().split("\\s+");
      if (tokens.length < cpus.length) {
        continue;
      }
      long[] values = new long[cpus.length];
      boolean complete = true;
      for (int i = 0; i < cpus.length; i++) {
        if (!isDigits(tokens[i])) {
          complete = false;
          break;
        }
        values[i] = Long.parseUnsignedLong(tokens[i]);
      }
      if (!complete) {
        continue;
      }
      String type = numberedRowsAreDevices && isDigits(row) ? DEVICE : row;
      for (int i = 0; i < cpus.length; i++) {
        out.add(new CpuCounter(cpus[i], type, row, values[i]));
      }
    }
    return out;
  }

  private static int[] header(String line) {
    String[] tokens = line.strip().split("\\s+");
    int[] cpus = new int[tokens.length];
    for (int i = 0; i < tokens.length; i++) {
      String t = tokens[i];
      if (!t.startsWith("CPU") || !isDigits(t.substring(3))) {
        throw new IllegalArgumentException(
            "expected a header of CPU columns (CPU0 CPU1 ...), found '" + line.strip() + "'");
      }
      cpus[i] = Integer.parseInt(t.substring(3));
    }
    return cpus;
  }

  static boolean isDigits(String s) {
    if (s.isEmpty() || s.length() > 20) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
