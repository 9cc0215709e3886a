package io.isocore.agent.cgroup;

import io.isocore.core.cpu.CpuSet;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The jitter probe thread's own cpuset cgroup on cgroup v1: {@code isocore-probe}, a sibling of
 * {@code kubepods} (or {@code kubepods.slice}) at the top of the cpuset hierarchy. The agent's
 * container is confined to the shared pool, which leaves out the idle isolated CPUs it must probe;
 * on v1 a single thread may move to another cpuset cgroup, so during a window the probe thread
 * alone runs here, with {@code cpuset.cpus} = the probed CPU. Enforcement observes only the
 * kubepods subtree, so this cgroup is never in its plan. It exists only while a window runs: {@link
 * #leave} moves the thread back and removes it.
 */
public final class ProbeCgroup {

  /** The cgroup's name under the cpuset hierarchy root. */
  public static final String NAME = "isocore-probe";

  private final Path cpusetRoot;
  private final Path dir;
  private final CgroupFiles files = new CgroupFiles();

  /**
   * Creates the handle (nothing is written yet).
   *
   * @param cpusetRoot the v1 cpuset hierarchy root that holds kubepods ({@link
   *     CgroupHierarchy#cpusetRoot()})
   */
  public ProbeCgroup(Path cpusetRoot) {
    this.cpusetRoot = cpusetRoot;
    this.dir = cpusetRoot.resolve(NAME);
  }

  /** Returns the cgroup's directory. */
  public Path dir() {
    return dir;
  }

  /**
   * Creates the cgroup if needed, sets {@code cpuset.mems} to its parent's memory nodes and {@code
   * cpuset.cpus} to {@code cpus}, then moves thread {@code tid} (in this process's PID namespace)
   * into it. The kernel then allows the thread exactly {@code cpus}.
   */
  public void enter(long tid, CpuSet cpus) throws CgroupAccessException {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new CgroupAccessException("creating", dir, e);
    }
    String mems = files.read(cpusetRoot.resolve("cpuset.effective_mems"));
    if (!mems.equals(files.read(dir.resolve("cpuset.mems")))) {
      files.write(dir.resolve("cpuset.mems"), mems);
    }
    files.write(dir.resolve("cpuset.cpus"), cpus.toListString());
    files.write(dir.resolve("tasks"), Long.toString(tid));
  }

  /**
   * Moves thread {@code tid} back into the cpuset cgroup at {@code home} (the kernel gives it that
   * cgroup's CPUs again) and removes this cgroup.
   */
  public void leave(long tid, Path home) throws CgroupAccessException {
    files.write(home.resolve("tasks"), Long.toString(tid));
    remove();
  }

  /**
   * Removes the cgroup if it exists and no task is left in it; returns whether it is gone. A thread
   * still inside (a window that could not move back) keeps it.
   */
  public boolean remove() {
    return removeDir(dir);
  }

  /** Removes a cgroup directory (or a fixture tree's plain one); returns whether it is gone. */
  static boolean removeDir(Path dir) {
    try {
      Files.deleteIfExists(dir);
      return true;
    } catch (NoSuchFileException e) {
      return true;
    } catch (DirectoryNotEmptyException e) {
      // A fixture tree: a plain directory holds its files.
      return deleteFixture(dir);
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * A fixture tree's "cgroup" is a plain directory holding its files. The kernel never answers
   * ENOTEMPTY for a cgroup (a populated one is EBUSY), so this never deletes a real cgroup's files.
   */
  private static boolean deleteFixture(Path dir) {
    try (var entries = Files.list(dir)) {
      for (Path f : entries.toList()) {
        Files.delete(f);
      }
      Files.delete(dir);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
