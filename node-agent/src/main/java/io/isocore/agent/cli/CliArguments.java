package io.isocore.agent.cli;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The options of a CLI command.
 *
 * @param root the filesystem root to read ({@code /} by default)
 * @param json whether to print JSON
 * @param profile the IsolationProfile file, for {@code audit}
 * @param stateDir the agent's state directory, for {@code restore}
 * @param cgroupRoot the cgroupfs to reset instead of the detected one, for {@code restore}
 */
record CliArguments(
    Path root,
    boolean json,
    Optional<Path> profile,
    Optional<Path> stateDir,
    Optional<Path> cgroupRoot) {

  static CliArguments parse(String[] args) {
    Path root = Path.of("/");
    boolean json = false;
    Optional<Path> profile = Optional.empty();
    Optional<Path> stateDir = Optional.empty();
    Optional<Path> cgroupRoot = Optional.empty();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--json" -> json = true;
        case "--root" -> root = Path.of(value(args, ++i, "--root"));
        case "--profile" -> profile = Optional.of(Path.of(value(args, ++i, "--profile")));
        case "--state-dir" -> stateDir = Optional.of(Path.of(value(args, ++i, "--state-dir")));
        case "--cgroup-root" ->
            cgroupRoot = Optional.of(Path.of(value(args, ++i, "--cgroup-root")));
        default -> {
          if (args[i].startsWith("--root=")) {
            root = Path.of(args[i].substring("--root=".length()));
          } else if (args[i].startsWith("--profile=")) {
            profile = Optional.of(Path.of(args[i].substring("--profile=".length())));
          } else {
            throw new UsageException("unknown argument '" + args[i] + "'");
          }
        }
      }
    }
    return new CliArguments(root, json, profile, stateDir, cgroupRoot);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length || args[i].startsWith("--")) {
      throw new UsageException(option + " needs a value");
    }
    return args[i];
  }
}
