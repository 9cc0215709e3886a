package io.isocore.core.noise;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code /proc/interrupts} and {@code /proc/softirqs} for attribution: unlike the telemetry
 * parser, device IRQ rows keep their number and driver action ({@code 36:virtio1-req.0}) so that a
 * recommendation can name the line to steer. Node-wide single-value rows ({@code ERR}, {@code MIS})
 * are skipped; a malformed counter or CPU header fails with the file and line.
 */
public final class ProcCounterTables {

  private ProcCounterTables() {}

  /** Parses {@code /proc/interrupts} text; {@code file} names it in errors. */
  public static CounterTable interrupts(String file, String text) {
    return parse(file, text, true);
  }

  /** Parses {@code /proc/softirqs} text; {@code file} names it in errors. */
  public static CounterTable softirqs(String file, String text) {
    return parse(file, text, false);
  }

  private static CounterTable parse(String file, String text, boolean interrupts) {
    List<String> lines = NoiseLimits.lines(file, text);
    int first = 0;
    while (first < lines.size() && lines.get(first).isBlank()) {
      first++;
    }
    if (first == lines.size()) {
      return CounterTable.EMPTY;
    }
    int[] cpus = header(file, first + 1, lines.get(first));
    List<CounterTable.Row> rows = new ArrayList<>();
    for (int i = first + 1; i < lines.size(); i++) {
      String line = lines.get(i);
      int colon = line.indexOf(':');
      if (line.isBlank()) {
        continue;
      }
      if (colon <= 0) {
        throw new NoiseParseException(
            file, i + 1, "expected 'NAME: counters', found '" + line + "'");
      }
      String row = line.substring(0, colon).strip();
      String rest = line.substring(colon + 1).strip();
      String[] tokens = rest.isEmpty() ? new String[0] : rest.split("\\s+");
      if (tokens.length < cpus.length) {
        continue; // ERR, MIS: one node-wide value
      }
      Map<Integer, Long> perCpu = new HashMap<>();
      for (int c = 0; c < cpus.length; c++) {
        perCpu.put(cpus[c], NoiseLimits.counter(file, i + 1, tokens[c]));
      }
      String description = String.join(" ", List.of(tokens).subList(cpus.length, tokens.length));
      boolean device = interrupts && NoiseLimits.isDigits(row);
      String name = device ? row + ":" + driver(tokens, cpus.length) : row;
      rows.add(new CounterTable.Row(NoiseLimits.name(name), device, description, perCpu));
    }
    return new CounterTable(rows);
  }

  /** The driver action of a device row: its last token (the chip and trigger come first). */
  private static String driver(String[] tokens, int values) {
    if (tokens.length == values) {
      return "unnamed";
    }
    String last = tokens[tokens.length - 1];
    return last.endsWith(",") ? last.substring(0, last.length() - 1) : last;
  }

  private static int[] header(String file, int line, String text) {
    String[] tokens = text.strip().split("\\s+");
    int[] cpus = new int[tokens.length];
    for (int i = 0; i < tokens.length; i++) {
      if (!tokens[i].startsWith("CPU")) {
        throw new NoiseParseException(
            file, line, "expected a header of CPU columns (CPU0 CPU1 ...), found '" + text + "'");
      }
      cpus[i] = NoiseLimits.cpu(file, line, tokens[i].substring(3));
    }
    return cpus;
  }
}
