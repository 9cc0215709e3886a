package io.isocore.agent.cli;

import io.isocore.agent.noise.NoiseMeasurement;
import io.isocore.agent.noise.SpinProbe;
import io.isocore.agent.noise.WindowProbe;
import io.isocore.core.cpu.CpuSet;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code noise [--cpu LIST] [--duration 10s] [--json] [--root DIR] [--threshold-ns N]}: measures
 * now which sources interrupt the CPUs, with the busy probe on each.
 */
final class NoiseCommand {

  private NoiseCommand() {}

  /**
   * The parsed options.
   *
   * @param root the host root
   * @param cpus the CPUs, empty for the default (isolated CPUs, else every online CPU but 0)
   * @param window how long to measure
   * @param json whether to print JSON
   * @param thresholdNanos the probe's gap threshold
   */
  record Options(Path root, CpuSet cpus, Duration window, boolean json, long thresholdNanos) {}

  static int run(String[] args, PrintStream out, PrintStream err) {
    Options o = parse(args);
    return run(o, new SpinProbe(o.thresholdNanos()), out, err);
  }

  static int run(Options o, WindowProbe probe, PrintStream out, PrintStream err) {
    if (!Files.isDirectory(o.root())) {
      throw new UsageException("--root " + o.root() + " is not a directory");
    }
    List<String> notes = new ArrayList<>();
    CpuSet cpus = o.cpus().isEmpty() ? defaultCpus(o.root(), notes) : o.cpus();
    NoiseMeasurement.Result r = NoiseMeasurement.measure(o.root(), cpus, o.window(), probe);
    notes.addAll(r.notes());
    if (o.json()) {
      out.println(NoiseOutput.json(r.cpus(), notes));
    } else {
      out.print(NoiseOutput.text(r.cpus(), o.thresholdNanos()));
      notes.forEach(n -> err.println("note: " + n));
    }
    return Cli.OK;
  }

  static Options parse(String[] args) {
    Path root = Path.of("/");
    CpuSet cpus = CpuSet.empty();
    Duration window = Duration.ofSeconds(10);
    boolean json = false;
    long threshold = 1000;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--json" -> json = true;
        case "--root" -> root = Path.of(value(args, ++i, "--root"));
        case "--cpu" -> cpus = cpuList(value(args, ++i, "--cpu"));
        case "--duration" -> window = duration(value(args, ++i, "--duration"));
        case "--threshold-ns" -> threshold = positive(value(args, ++i, "--threshold-ns"));
        default -> throw new UsageException("unknown argument '" + args[i] + "'");
      }
    }
    return new Options(root, cpus, window, json, threshold);
  }

  private static CpuSet cpuList(String list) {
    try {
      return CpuSet.parseNonEmpty(list);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--cpu: " + e.getMessage());
    }
  }

  /** {@code 10s}, {@code 500ms}, {@code 2m}; between 100 ms and 10 minutes. */
  static Duration duration(String text) {
    Duration d;
    try {
      if (text.endsWith("ms")) {
        d = Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
      } else if (text.endsWith("s")) {
        d = Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
      } else if (text.endsWith("m")) {
        d = Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
      } else {
        throw new UsageException("--duration needs a unit (500ms, 10s, 2m), got '" + text + "'");
      }
    } catch (NumberFormatException e) {
      throw new UsageException("--duration: not a number: '" + text + "'");
    }
    if (d.toMillis() < 100 || d.toMinutes() > 10) {
      throw new UsageException("--duration must be between 100ms and 10m, got " + text);
    }
    return d;
  }

  private static long positive(String text) {
    try {
      long v = Long.parseLong(text);
      if (v > 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException("--threshold-ns needs a positive number, got '" + text + "'");
  }

  private static CpuSet defaultCpus(Path root, List<String> notes) {
    Path cpu = root.resolve("sys/devices/system/cpu");
    CpuSet isolated = read(cpu.resolve("isolated"));
    if (!isolated.isEmpty()) {
      return isolated;
    }
    CpuSet online = read(cpu.resolve("online"));
    if (online.isEmpty()) {
      throw new UsageException("cannot read " + cpu.resolve("online") + "; name CPUs with --cpu");
    }
    List<Integer> rest =
        online.toList().stream().filter(c -> c != 0 || online.size() == 1).toList();
    notes.add(
        "no isolated CPUs: measuring every online CPU but 0 ("
            + CpuSet.of(rest).toListString()
            + ")");
    return CpuSet.of(rest);
  }

  private static CpuSet read(Path file) {
    try {
      return CpuSet.parse(Files.readString(file).strip());
    } catch (IOException | IllegalArgumentException e) {
      return CpuSet.empty();
    }
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length || args[i].startsWith("--")) {
      throw new UsageException(option + " needs a value");
    }
    return args[i];
  }
}
