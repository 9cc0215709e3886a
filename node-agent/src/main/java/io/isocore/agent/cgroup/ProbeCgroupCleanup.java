package io.isocore.agent.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Removes the {@code isocore-probe} cgroups a killed agent left behind (a kill in the middle of a
 * probe window leaves them empty: the thread died with its process). Only the cgroups isocore
 * creates are looked at, by their exact place: {@link ProbeCgroup#NAME} directly under the v1
 * cpuset hierarchy root that holds kubepods and under the v1 cpu hierarchy root beside it. One is
 * removed only when it is unused: no task in {@code tasks} or {@code cgroup.procs} and no child
 * cgroup; a used one is kept and reported. On cgroup v2 isocore creates no probe cgroup, so nothing
 * is looked at. Run by the uninstall restore and at agent start-up.
 */
public final class ProbeCgroupCleanup {

  private ProbeCgroupCleanup() {}

  /** What happened to one probe cgroup. */
  public enum State {
    /** There was none. */
    ABSENT,
    /** It was unused and is gone. */
    REMOVED,
    /** It is in use (or could not be removed) and is left as it is. */
    KEPT
  }

  /**
   * One probe cgroup's outcome.
   *
   * @param dir the cgroup's directory
   * @param state what happened
   * @param detail why it was kept; empty otherwise
   */
  public record Outcome(Path dir, State state, String detail) {

    /** One line for a log or the restore's report. */
    public String line() {
      return switch (state) {
        case ABSENT -> "probe cgroup: none at " + dir;
        case REMOVED -> "probe cgroup: removed the empty " + dir + " a killed agent left";
        case KEPT -> "probe cgroup: kept " + dir + " (" + detail + ")";
      };
    }
  }

  /** The probe cgroups of {@code hierarchy} (v1: cpuset and, where mounted, cpu; v2: none). */
  public static List<Path> candidates(CgroupHierarchy hierarchy) {
    if (hierarchy.version() != CgroupVersion.V1) {
      return List.of();
    }
    List<Path> dirs = new ArrayList<>();
    dirs.add(new ProbeCgroup(hierarchy.cpusetRoot()).dir());
    Path cgroupfs = hierarchy.cpusetRoot().getParent();
    if (cgroupfs != null) {
      ProbeCpuCgroup.at(cgroupfs).map(ProbeCpuCgroup::dir).ifPresent(dirs::add);
    }
    return dirs;
  }

  /** Removes every unused probe cgroup of {@code hierarchy}; returns what it found, one each. */
  public static List<Outcome> run(CgroupHierarchy hierarchy) {
    return candidates(hierarchy).stream().map(ProbeCgroupCleanup::removeIfUnused).toList();
  }

  /** Removes {@code dir} when it exists and is unused. */
  static Outcome removeIfUnused(Path dir) {
    if (!Files.isDirectory(dir)) {
      return new Outcome(dir, State.ABSENT, "");
    }
    Optional<String> used = inUse(dir);
    if (used.isPresent()) {
      return new Outcome(dir, State.KEPT, used.get());
    }
    return ProbeCgroup.removeDir(dir)
        ? new Outcome(dir, State.REMOVED, "")
        : new Outcome(dir, State.KEPT, "the kernel refused to remove it");
  }

  /** Why {@code dir} is in use: a task in it or a child cgroup below it. */
  private static Optional<String> inUse(Path dir) {
    for (String file : new String[] {"tasks", "cgroup.procs"}) {
      Path f = dir.resolve(file);
      try {
        if (Files.isRegularFile(f)) {
          String text = Files.readString(f).strip();
          if (!text.isEmpty()) {
            return Optional.of(
                "threads " + text.replace('\n', ',') + " are still in it (" + file + ")");
          }
        }
      } catch (IOException e) {
        return Optional.of("cannot read " + f + ": " + e.getMessage());
      }
    }
    try (Stream<Path> entries = Files.list(dir)) {
      Optional<Path> child = entries.filter(Files::isDirectory).findFirst();
      if (child.isPresent()) {
        return Optional.of("it has a child cgroup " + child.get().getFileName());
      }
    } catch (IOException e) {
      return Optional.of("cannot list " + dir + ": " + e.getMessage());
    }
    return Optional.empty();
  }
}
