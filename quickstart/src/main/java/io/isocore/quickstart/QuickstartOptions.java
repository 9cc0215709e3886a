package io.isocore.quickstart;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The quickstart's command line.
 *
 * @param duration how long to run before printing the summary; empty: until Ctrl-C
 * @param dryRun whether to skip cgroup writes even where permitted
 * @param isolation whether isocore enforces at all (off: the bench's baseline)
 * @param summary where to write the run's figures as JSON, for the benchmark
 * @param runtime what runs the pods
 */
public record QuickstartOptions(
    Optional<Duration> duration,
    boolean dryRun,
    boolean isolation,
    Optional<Path> summary,
    PodRuntime runtime) {

  /** What runs the pods: {@code --runtime process|containerd}, else containerd where it can. */
  public enum PodRuntime {
    /** containerd where installed and permitted, else local processes. */
    AUTO,
    /** Local processes in the sandbox's cgroups. */
    PROCESS,
    /** containerd through its CRI; the quickstart fails when it cannot. */
    CONTAINERD
  }

  /**
   * Parses {@code --duration 30s|2m|45}, {@code --dry-run}, {@code --no-isolation} and {@code
   * --summary FILE} and {@code --runtime process|containerd}.
   */
  public static QuickstartOptions parse(String... args) {
    Optional<Duration> duration = Optional.empty();
    boolean dryRun = false;
    boolean isolation = true;
    Optional<Path> summary = Optional.empty();
    PodRuntime runtime = PodRuntime.AUTO;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--duration" -> {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException("--duration needs a value, such as 30s or 2m");
          }
          duration = Optional.of(parseDuration(args[++i]));
        }
        case "--dry-run" -> dryRun = true;
        case "--no-isolation" -> isolation = false;
        case "--summary" -> {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException("--summary needs a file name");
          }
          summary = Optional.of(Path.of(args[++i]));
        }
        case "--runtime" -> {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException("--runtime needs a value: process or containerd");
          }
          runtime =
              switch (args[++i]) {
                case "process" -> PodRuntime.PROCESS;
                case "containerd" -> PodRuntime.CONTAINERD;
                default ->
                    throw new IllegalArgumentException(
                        "bad --runtime '" + args[i] + "': use process or containerd");
              };
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    return new QuickstartOptions(duration, dryRun, isolation, summary, runtime);
  }

  static Duration parseDuration(String text) {
    try {
      if (text.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
      }
      if (text.endsWith("s")) {
        return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
      }
      if (text.endsWith("m")) {
        return Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
      }
      return Duration.ofSeconds(Long.parseLong(text));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad duration '" + text + "': use 30s, 2m or 45", e);
    }
  }
}
