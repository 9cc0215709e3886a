package io.isocore.core.telemetry;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code /proc/schedstat} (versions 15 to 17 share the per-CPU line layout): {@code cpuN}
 * followed by yld_count, an unused field, sched_count, sched_goidle, ttwu_count, ttwu_local,
 * rq_cpu_time (run) and rq_run_delay (wait). Domain lines are skipped.
 *
 * <p>Kernels built without {@code CONFIG_SCHEDSTATS} have no such file; the agent then exports no
 * schedstat series rather than zeros.
 */
public final class ProcSchedstat {

  private ProcSchedstat() {}

  /**
   * Returns one entry per {@code cpuN} line.
   *
   * @throws IllegalArgumentException when the version is older than 15 (different layout)
   */
  public static List<CpuSchedstat> parse(String text) {
    List<CpuSchedstat> out = new ArrayList<>();
    for (String line : text.lines().toList()) {
      String[] t = line.strip().split("\\s+");
      if (t.length == 2 && t[0].equals("version")) {
        int version = Integer.parseInt(t[1]);
        if (version < 15) {
          throw new IllegalArgumentException(
              "/proc/schedstat version " + version + " is not supported (need 15 or later)");
        }
        continue;
      }
      if (t.length < 9 || !t[0].startsWith("cpu") || !ProcCpuTable.isDigits(t[0].substring(3))) {
        continue;
      }
      out.add(
          new CpuSchedstat(
              Integer.parseInt(t[0].substring(3)),
              Long.parseUnsignedLong(t[7]),
              Long.parseUnsignedLong(t[8])));
    }
    return out;
  }
}
