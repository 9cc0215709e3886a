package io.isocore.agent.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The probe thread's cpu-controller cgroup on cgroup v1 while a window runs: {@code isocore-probe}
 * at the top of the cpu hierarchy, at the default weight ({@code cpu.shares} 1024). In the agent's
 * container the thread would keep the pod's weight (the kubelet's shares for the agent's small CPU
 * request, 51 for the chart's 50m), so anything else runnable on the probed CPU (a host daemon, a
 * process outside the kubepods tree) would take twenty times its share and the window would report
 * more noise than a pod there would see. The move is best effort: without a writable cpu hierarchy
 * the window runs at the pod's weight.
 */
public final class ProbeCpuCgroup {

  private final Path cpuRoot;
  private final Path dir;
  private final CgroupFiles files = new CgroupFiles();

  private ProbeCpuCgroup(Path cpuRoot) {
    this.cpuRoot = cpuRoot;
    this.dir = cpuRoot.resolve(ProbeCgroup.NAME);
  }

  /**
   * The cpu hierarchy under {@code cgroupfs} (the parent of the v1 cpuset hierarchy): {@code cpu}
   * or {@code cpu,cpuacct}, where it has {@code cpu.shares}.
   */
  public static Optional<ProbeCpuCgroup> at(Path cgroupfs) {
    for (String name : new String[] {"cpu", "cpu,cpuacct"}) {
      Path root = cgroupfs.resolve(name);
      if (Files.isRegularFile(root.resolve("cpu.shares"))) {
        return Optional.of(new ProbeCpuCgroup(root));
      }
    }
    return Optional.empty();
  }

  /** Returns the cgroup's directory. */
  public Path dir() {
    return dir;
  }

  /**
   * Moves thread {@code tid} into the probe's cpu cgroup (created if needed).
   *
   * @param procCgroup the text of the thread's {@code /proc/.../cgroup}
   * @return the cpu cgroup the thread came from, to go back to
   */
  public Path enter(long tid, String procCgroup) throws CgroupAccessException {
    Path home =
        ThreadCgroup.memberDir(cpuRoot, procCgroup, "cpu", "tasks", tid)
            .orElseThrow(
                () ->
                    new CgroupAccessException(
                        "finding the cpu cgroup of thread " + tid + " under",
                        cpuRoot,
                        new IOException("not listed in any tasks file there")));
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new CgroupAccessException("creating", dir, e);
    }
    files.write(dir.resolve("tasks"), Long.toString(tid));
    return home;
  }

  /** Moves thread {@code tid} back into the cpu cgroup at {@code home} and removes this cgroup. */
  public void leave(long tid, Path home) throws CgroupAccessException {
    files.write(home.resolve("tasks"), Long.toString(tid));
    remove();
  }

  /** Removes the cgroup if it exists and is empty (see {@link ProbeCgroup#remove()}). */
  public boolean remove() {
    return ProbeCgroup.removeDir(dir);
  }
}
