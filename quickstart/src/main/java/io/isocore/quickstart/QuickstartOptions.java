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
 */
public record QuickstartOptions(
    Optional<Duration> duration, boolean dryRun, boolean isolation, Optional<Path> summary) {

  /**
   * Parses {@code --duration 30s|2m|45}, {@code --dry-run}, {@code --no-isolation} and {@code
   * --summary FILE}.
   */
  public static QuickstartOptions parse(String... args) {
    Optional<Duration> duration = Optional.empty();
    boolean dryRun = false;
    boolean isolation = true;
    Optional<Path> summary = Optional.empty();
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
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    return new QuickstartOptions(duration, dryRun, isolation, summary);
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
