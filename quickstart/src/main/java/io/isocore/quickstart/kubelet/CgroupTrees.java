package io.isocore.quickstart.kubelet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Removing the sandbox's trees: the processes left in them, then the cgroups, deepest first. */
final class CgroupTrees {

  private CgroupTrees() {}

  /**
   * Kills every process still in the cpuset cgroups under {@code cpuset} (all of them the
   * quickstart's: its pods' processes), so that the cgroups can go even if a runtime did not stop
   * them.
   */
  static void killLeftOver(Path cpuset) {
    if (cpuset == null || !Files.isDirectory(cpuset)) {
      return;
    }
    try (Stream<Path> files = Files.walk(cpuset)) {
      for (Path procs :
          files.filter(f -> f.getFileName().toString().equals("cgroup.procs")).toList()) {
        for (String pid : Files.readAllLines(procs)) {
          if (!pid.isBlank()) {
            ProcessHandle.of(Long.parseLong(pid.trim()))
                .ifPresent(
                    p -> {
                      System.err.println(
                          "isocore quickstart: cleanup: killing " + p.pid() + " left in " + procs);
                      p.destroyForcibly();
                      try {
                        p.onExit().get(5, TimeUnit.SECONDS);
                      } catch (Exception e) {
                        // A zombie its parent has not reaped yet: it no longer holds the cgroup.
                      }
                    });
          }
        }
      }
    } catch (IOException e) {
      System.err.println("isocore quickstart: cleanup: " + e.getMessage());
    }
  }

  /** Deletes a plain directory tree (files and directories, symlinks not followed). */
  static void deleteFiles(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  static void delete(Path root) {
    if (root == null || !Files.isDirectory(root)) {
      return;
    }
    try (Stream<Path> dirs = Files.walk(root)) {
      dirs.filter(Files::isDirectory)
          .sorted(Comparator.comparingInt(Path::getNameCount).reversed())
          .forEach(
              dir -> {
                try {
                  Files.delete(dir);
                } catch (IOException e) {
                  System.err.println(
                      "isocore quickstart: could not remove " + dir + ": " + e.getMessage());
                }
              });
    } catch (IOException e) {
      System.err.println("isocore quickstart: could not list " + root + ": " + e.getMessage());
    }
  }
}
