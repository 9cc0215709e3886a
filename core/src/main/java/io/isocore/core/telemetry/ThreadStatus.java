package io.isocore.core.telemetry;

import io.isocore.core.cpu.CpuSet;
import java.util.Optional;

/**
 * The fields of {@code /proc/<pid>/task/<tid>/status} the agent exports.
 *
 * @param voluntaryContextSwitches {@code voluntary_ctxt_switches}
 * @param involuntaryContextSwitches {@code nonvoluntary_ctxt_switches}
 * @param cpusAllowed {@code Cpus_allowed_list}, empty on kernels that do not print it
 */
public record ThreadStatus(
    long voluntaryContextSwitches, long involuntaryContextSwitches, Optional<CpuSet> cpusAllowed) {

  /**
   * Parses the text of a status file.
   *
   * @throws IllegalArgumentException when a context-switch line is missing (the thread exited while
   *     being read, or this is not a status file)
   */
  public static ThreadStatus parse(String text) {
    Long voluntary = null;
    Long involuntary = null;
    for (String line : text.lines().toList()) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String key = line.substring(0, colon);
      String value = line.substring(colon + 1).strip();
      switch (key) {
        case "voluntary_ctxt_switches" -> voluntary = Long.parseLong(value);
        case "nonvoluntary_ctxt_switches" -> involuntary = Long.parseLong(value);
        default -> {}
      }
    }
    if (voluntary == null || involuntary == null) {
      throw new IllegalArgumentException(
          "status text has no voluntary_ctxt_switches/nonvoluntary_ctxt_switches lines");
    }
    return new ThreadStatus(voluntary, involuntary, parseCpusAllowed(text));
  }

  /**
   * Reads only {@code Cpus_allowed_list} from the text of a status file (what enforcement verifies
   * for every thread).
   *
   * @return the allowed CPUs; empty when the kernel does not print the line
   * @throws IllegalArgumentException when the line's value is not a CPU list
   */
  public static Optional<CpuSet> parseCpusAllowed(String text) {
    for (String line : text.lines().toList()) {
      if (line.startsWith("Cpus_allowed_list:")) {
        return Optional.of(CpuSet.parse(line.substring("Cpus_allowed_list:".length()).strip()));
      }
    }
    return Optional.empty();
  }
}
