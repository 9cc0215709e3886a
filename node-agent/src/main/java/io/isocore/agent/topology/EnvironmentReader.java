package io.isocore.agent.topology;

import io.isocore.core.audit.EnvironmentState;
import io.isocore.core.cpu.CpuSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads node settings that affect latency: RT throttling, {@code CONFIG_HZ} (from {@code
 * /boot/config-<release>} where present) and the tick mode, THP mode, frequency governors, cpuidle
 * states, whether irqbalance runs ({@code /proc/<pid>/comm}) and the kubelet CPU manager policy
 * ({@code /var/lib/kubelet/cpu_manager_state}).
 */
public final class EnvironmentReader {

  private static final Pattern POLICY = Pattern.compile("\"policyName\"\\s*:\\s*\"([^\"]*)\"");
  private static final Pattern HZ = Pattern.compile("(?m)^CONFIG_HZ=(\\d+)$");

  private final KernelFiles files;

  /** Reads through {@code files}, recording degradations there. */
  public EnvironmentReader(KernelFiles files) {
    this.files = files;
  }

  /** Reads the environment of a node whose online CPUs are {@code online}. */
  public EnvironmentState read(CpuSet online) {
    Path kernel = files.path("proc/sys/kernel");
    Optional<String> config = bootConfig();
    return new EnvironmentState(
        files.number(kernel.resolve("sched_rt_runtime_us")),
        files.number(kernel.resolve("sched_rt_period_us")),
        config
            .map(HZ::matcher)
            .filter(Matcher::find)
            .map(m -> OptionalInt.of(Integer.parseInt(m.group(1))))
            .orElse(OptionalInt.empty()),
        config.flatMap(EnvironmentReader::tickMode),
        thpMode(),
        governors(online),
        idleStates(online),
        irqbalanceRunning(),
        kubeletPolicy());
  }

  /** The kernel build configuration, {@code /boot/config-<release>}, where visible. */
  private Optional<String> bootConfig() {
    Optional<String> release = files.text(files.path("proc/sys/kernel/osrelease"));
    if (release.isEmpty() || release.get().contains("/")) {
      return Optional.empty();
    }
    Path config = files.path("boot/config-" + release.get());
    return Files.exists(config) ? files.text(config) : Optional.empty();
  }

  static Optional<String> tickMode(String config) {
    if (config.contains("\nCONFIG_NO_HZ_FULL=y") || config.startsWith("CONFIG_NO_HZ_FULL=y")) {
      return Optional.of("nohz_full");
    }
    if (config.contains("CONFIG_NO_HZ_IDLE=y")) {
      return Optional.of("nohz_idle");
    }
    if (config.contains("CONFIG_HZ_PERIODIC=y")) {
      return Optional.of("periodic");
    }
    return Optional.empty();
  }

  private Optional<String> thpMode() {
    Path file = files.path("sys/kernel/mm/transparent_hugepage/enabled");
    return files.parsed(
        file,
        text -> {
          int open = text.indexOf('[');
          int close = text.indexOf(']', open + 1);
          if (open < 0 || close < 0) {
            throw new IllegalArgumentException("no [selected] mode");
          }
          return text.substring(open + 1, close);
        },
        "modes with the selected one in brackets");
  }

  private Map<String, CpuSet> governors(CpuSet online) {
    Map<String, List<Integer>> byName = new TreeMap<>();
    Path cpuRoot = files.path("sys/devices/system/cpu");
    online.forEach(
        cpu ->
            files
                .text(cpuRoot.resolve("cpu" + cpu).resolve("cpufreq/scaling_governor"))
                .filter(g -> !g.isEmpty())
                .ifPresent(g -> byName.computeIfAbsent(g, k -> new ArrayList<>()).add(cpu)));
    Map<String, CpuSet> out = new TreeMap<>();
    byName.forEach((name, cpus) -> out.put(name, CpuSet.of(cpus)));
    return out;
  }

  private List<String> idleStates(CpuSet online) {
    if (online.isEmpty()) {
      return List.of();
    }
    Path dir = files.path("sys/devices/system/cpu/cpu" + online.first() + "/cpuidle");
    List<Path> states = new ArrayList<>(files.list(dir, "state"));
    states.sort(
        (a, b) ->
            Integer.compare(
                NumaReader.suffixId(a.getFileName().toString(), "state").orElse(0),
                NumaReader.suffixId(b.getFileName().toString(), "state").orElse(0)));
    List<String> names = new ArrayList<>();
    for (Path state : states) {
      files.text(state.resolve("name")).ifPresent(names::add);
    }
    return names;
  }

  private Optional<Boolean> irqbalanceRunning() {
    Path proc = files.path("proc");
    if (!Files.isDirectory(proc)) {
      return Optional.empty();
    }
    boolean sawProcess = false;
    for (Path dir : files.list(proc, "")) {
      String name = dir.getFileName().toString();
      if (name.isEmpty() || !Character.isDigit(name.charAt(0))) {
        continue;
      }
      Path comm = dir.resolve("comm");
      // A process may exit between listing and reading: read quietly.
      Optional<String> text = readQuietly(comm);
      if (text.isPresent()) {
        sawProcess = true;
        if (text.get().equals("irqbalance")) {
          return Optional.of(true);
        }
      }
    }
    return sawProcess ? Optional.of(false) : Optional.empty();
  }

  private Optional<String> kubeletPolicy() {
    Path state = files.path("var/lib/kubelet/cpu_manager_state");
    return files.parsed(
        state,
        text -> {
          Matcher m = POLICY.matcher(text);
          if (!m.find()) {
            throw new IllegalArgumentException("no policyName");
          }
          return m.group(1);
        },
        "the kubelet's CPU manager state JSON");
  }

  private static Optional<String> readQuietly(Path file) {
    try {
      return Optional.of(KernelFiles.clean(KernelFiles.readFully(file)));
    } catch (java.io.IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
