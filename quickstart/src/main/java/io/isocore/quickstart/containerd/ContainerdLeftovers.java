package io.isocore.quickstart.containerd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Removes what a containerd of the quickstart may leave on the machine once the daemon is stopped
 * (normally nothing: the kubelet stand-in removed every sandbox through the CRI). Each step selects
 * only what this containerd made: shims serving its socket, mounts under its directory, the shim
 * sockets its bundles name, and finally the directory itself. Container processes are all in the
 * quickstart's cgroup sandbox, which kills what is left in it before it removes its cgroups.
 */
final class ContainerdLeftovers {

  private static final Path PROC = Path.of("/proc");

  private ContainerdLeftovers() {}

  /** Removes every leftover of the containerd configured by {@code config}. */
  static void remove(ContainerdConfig config) {
    Path dir = config.dir().toAbsolutePath();
    for (long pid : shims(config.socket())) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
    List<Path> shimSockets = shimSockets(dir);
    for (String mount : mountsUnder(dir)) {
      run("umount", mount);
      if (mountsUnder(dir).contains(mount)) {
        run("umount", "-l", mount);
      }
    }
    for (Path socket : shimSockets) {
      try {
        Files.deleteIfExists(socket);
      } catch (IOException e) {
        System.err.println("isocore quickstart: cleanup: " + socket + ": " + e.getMessage());
      }
    }
    if (Files.exists(dir) && mountsUnder(dir).isEmpty()) {
      // --one-file-system: never crosses into a mount, should one have survived.
      run("rm", "-rf", "--one-file-system", dir.toString());
    }
  }

  /** Removes those of {@code dirs} (deepest first) that exist and are empty. */
  static void removeEmpty(List<Path> dirs) {
    for (Path dir : dirs) {
      try (Stream<Path> entries = Files.list(dir)) {
        if (entries.findAny().isEmpty()) {
          Files.delete(dir);
        }
      } catch (IOException e) {
        // Absent, or not empty: not ours to remove.
      }
    }
  }

  /** The shims serving {@code socket}. */
  static List<Long> shims(Path socket) {
    List<Long> found = new ArrayList<>();
    try (Stream<Path> entries = Files.list(PROC)) {
      for (Path p : entries.toList()) {
        String name = p.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        try {
          String cmdline =
              new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8)
                  .replace('\0', ' ');
          if (cmdline.contains("containerd-shim") && cmdline.contains("-address " + socket + " ")) {
            found.add(Long.parseLong(name));
          }
        } catch (IOException | RuntimeException e) {
          // Gone, or not ours to read.
        }
      }
    } catch (IOException e) {
      return found;
    }
    return found;
  }

  /** Mount points at or under {@code dir}, deepest first. */
  static List<String> mountsUnder(Path dir) {
    try {
      return Files.readAllLines(PROC.resolve("self/mountinfo")).stream()
          .map(line -> line.split(" ")[4].replace("\\040", " "))
          .filter(m -> Path.of(m).startsWith(dir))
          .sorted(Comparator.comparingInt(String::length).reversed())
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** The shim sockets named by the task bundles (unix:///run/containerd/s/HASH). */
  private static List<Path> shimSockets(Path dir) {
    Path tasks = dir.resolve("state/io.containerd.runtime.v2.task");
    if (!Files.isDirectory(tasks)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(tasks, 3)) {
      return files
          .filter(f -> f.getFileName().toString().equals("address"))
          .flatMap(
              f -> {
                try {
                  String address = Files.readString(f).trim();
                  return address.startsWith("unix://")
                      ? Stream.of(Path.of(address.substring("unix://".length())))
                      : Stream.empty();
                } catch (IOException e) {
                  return Stream.empty();
                }
              })
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** The last error containerd logged (its msg and error fields), or its last line. */
  static String lastError(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      for (int i = lines.size() - 1; i >= 0; i--) {
        String line = lines.get(i);
        if (line.contains("level=fatal") || line.contains("level=error")) {
          int msg = line.indexOf("msg=");
          return msg < 0 ? line : line.substring(msg);
        }
      }
      return lines.isEmpty() ? "no output (see " + log + ")" : lines.getLast();
    } catch (IOException e) {
      return "no log at " + log;
    }
  }

  private static void run(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    } catch (IOException e) {
      System.err.println("isocore quickstart: cleanup: " + String.join(" ", command) + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
