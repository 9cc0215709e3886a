package io.isocore.core.audit;

import io.isocore.core.cpu.CpuSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The CPU isolation parameters of a kernel command line ({@code /proc/cmdline}).
 *
 * @param isolcpus the CPUs of {@code isolcpus=}, if given
 * @param isolcpusFlags the flags of {@code isolcpus=} ({@code domain}, {@code nohz}, {@code
 *     managed_irq}); {@code domain} alone where the parameter gives none, as the kernel assumes
 * @param nohzFull the CPUs of {@code nohz_full=}, if given
 * @param rcuNocbs the CPUs of {@code rcu_nocbs=}, if given
 * @param irqAffinity the CPUs of {@code irqaffinity=}, if given
 * @param problems parameters present but unreadable, such as {@code nohz_full=0-15:2} (strides are
 *     not read)
 */
public record KernelCmdline(
    Optional<CpuSet> isolcpus,
    List<String> isolcpusFlags,
    Optional<CpuSet> nohzFull,
    Optional<CpuSet> rcuNocbs,
    Optional<CpuSet> irqAffinity,
    List<String> problems) {

  /** Copies the lists. */
  public KernelCmdline {
    isolcpusFlags = List.copyOf(isolcpusFlags);
    problems = List.copyOf(problems);
  }

  /** A command line without isolation parameters. */
  public static KernelCmdline none() {
    return new KernelCmdline(
        Optional.empty(),
        List.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        List.of());
  }

  /**
   * Parses a kernel command line. Only the last occurrence of a parameter counts, as in the kernel;
   * arguments after {@code --} belong to init and are ignored.
   */
  public static KernelCmdline parse(String cmdline) {
    Optional<CpuSet> isolcpus = Optional.empty();
    List<String> flags = List.of();
    Optional<CpuSet> nohzFull = Optional.empty();
    Optional<CpuSet> rcuNocbs = Optional.empty();
    Optional<CpuSet> irqAffinity = Optional.empty();
    List<String> problems = new ArrayList<>();
    for (String token : cmdline.trim().split("\\s+")) {
      if (token.equals("--")) {
        break;
      }
      int eq = token.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String key = token.substring(0, eq);
      String value = token.substring(eq + 1);
      switch (key) {
        case "isolcpus" -> {
          List<String> parsedFlags = new ArrayList<>();
          String rest = value;
          while (!rest.isEmpty() && Character.isLetter(rest.charAt(0))) {
            int comma = rest.indexOf(',');
            parsedFlags.add(comma < 0 ? rest : rest.substring(0, comma));
            rest = comma < 0 ? "" : rest.substring(comma + 1);
          }
          flags = parsedFlags.isEmpty() ? List.of("domain") : List.copyOf(parsedFlags);
          isolcpus = cpus(token, rest, problems);
        }
        case "nohz_full" -> nohzFull = cpus(token, value, problems);
        case "rcu_nocbs" -> rcuNocbs = cpus(token, value, problems);
        case "irqaffinity" -> irqAffinity = cpus(token, value, problems);
        default -> {}
      }
    }
    return new KernelCmdline(isolcpus, flags, nohzFull, rcuNocbs, irqAffinity, problems);
  }

  private static Optional<CpuSet> cpus(String token, String list, List<String> problems) {
    try {
      return Optional.of(CpuSet.parse(list));
    } catch (IllegalArgumentException e) {
      problems.add(token + ": " + e.getMessage());
      return Optional.empty();
    }
  }
}
