package io.isocore.core.noise;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Parses the per-CPU {@code cpuN} lines of {@code /proc/stat}. */
public final class ProcStatTimes {

  private ProcStatTimes() {}

  /**
   * Returns each CPU's irq, softirq and steal ticks; fields a kernel does not print (steal before
   * 2.6.11) count as 0.
   */
  public static Map<Integer, CpuTimes> parse(String file, String text) {
    List<String> lines = NoiseLimits.lines(file, text);
    Map<Integer, CpuTimes> out = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (!line.startsWith("cpu") || line.startsWith("cpu ")) {
        continue;
      }
      String[] t = line.strip().split("\\s+");
      int cpu = NoiseLimits.cpu(file, i + 1, t[0].substring(3));
      if (t.length < 8) {
        throw new NoiseParseException(
            file,
            i + 1,
            "expected at least 7 counters after " + t[0] + ", found " + (t.length - 1));
      }
      long irq = NoiseLimits.counter(file, i + 1, t[6]);
      long softirq = NoiseLimits.counter(file, i + 1, t[7]);
      long steal = t.length > 8 ? NoiseLimits.counter(file, i + 1, t[8]) : 0;
      out.put(cpu, new CpuTimes(cpu, irq, softirq, steal));
    }
    return Map.copyOf(out);
  }
}
