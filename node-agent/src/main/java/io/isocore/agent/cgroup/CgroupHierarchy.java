package io.isocore.agent.cgroup;

import io.isocore.agent.host.HostFiles;
import io.isocore.agent.host.HostRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The cgroup hierarchy that holds the node's cpusets, found once for publication (the
 * NodeTopology's {@code cgroup}) and enforcement (the adapter that writes), so that what is
 * published is what is enforced.
 *
 * <p>Detection: a v1 hierarchy with the cpuset controller in {@code /proc/self/mounts} wins (a
 * hybrid node enforces cpusets there), else a cgroup2 mount, else the layout of {@code
 * /sys/fs/cgroup} ({@code cgroup.controllers}: v2; a {@code cpuset/} directory: v1).
 *
 * @param version the cgroup version
 * @param cpusetRoot the directory holding {@code kubepods}: the v1 cpuset hierarchy or the v2 mount
 */
public record CgroupHierarchy(CgroupVersion version, Path cpusetRoot) {

  /** Rejects nulls. */
  public CgroupHierarchy {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(cpusetRoot, "cpusetRoot");
  }

  /**
   * Finds the hierarchy of the host.
   *
   * @param mounts the text of {@code /proc/self/mounts}, empty when unreadable
   */
  public static Optional<CgroupHierarchy> detect(HostRoot host, String mounts) {
    String v1Cpuset = null;
    String v2 = null;
    for (String line : mounts.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 4) {
        continue;
      }
      if (f[2].equals("cgroup2") && v2 == null) {
        v2 = f[1];
      } else if (f[2].equals("cgroup") && ("," + f[3] + ",").contains(",cpuset,")) {
        v1Cpuset = f[1];
      }
    }
    if (v1Cpuset != null) {
      return Optional.of(
          new CgroupHierarchy(CgroupVersion.V1, host.resolve(v1Cpuset.substring(1))));
    }
    if (v2 != null) {
      return Optional.of(new CgroupHierarchy(CgroupVersion.V2, host.resolve(v2.substring(1))));
    }
    return atCgroupfs(host.cgroupfs());
  }

  /** Finds the hierarchy of the host, reading its mounts. */
  public static Optional<CgroupHierarchy> detect(HostRoot host) {
    return detect(host, HostFiles.read(host.mounts()).orElse(""));
  }

  /**
   * The hierarchy enforcement writes in: the host's, or the one at {@code cgroupfs} when the
   * configuration names one (the quickstart's sandbox), by the layout of that directory.
   *
   * @throws IllegalStateException when no cgroup hierarchy with cpusets is found
   */
  public static CgroupHierarchy forEnforcement(HostRoot host, Optional<Path> cgroupfs) {
    Optional<CgroupHierarchy> found =
        cgroupfs.isPresent() ? atCgroupfs(cgroupfs.get()) : detect(host);
    return found.orElseThrow(
        () ->
            new IllegalStateException(
                "no cgroup hierarchy with cpusets under "
                    + cgroupfs.orElse(host.cgroupfs())
                    + ": neither a cgroup2 mount nor a v1 cpuset hierarchy"));
  }

  private static Optional<CgroupHierarchy> atCgroupfs(Path cgroupfs) {
    if (Files.exists(cgroupfs.resolve("cgroup.controllers"))) {
      return Optional.of(new CgroupHierarchy(CgroupVersion.V2, cgroupfs));
    }
    if (Files.isDirectory(cgroupfs.resolve("cpuset"))) {
      return Optional.of(new CgroupHierarchy(CgroupVersion.V1, cgroupfs.resolve("cpuset")));
    }
    return Optional.empty();
  }

  /** How kubepods are named: {@code kubepods.slice} (systemd) or {@code kubepods} (cgroupfs). */
  public Optional<CgroupDriver> driver() {
    if (Files.isDirectory(cpusetRoot.resolve("kubepods.slice"))) {
      return Optional.of(CgroupDriver.SYSTEMD);
    }
    if (Files.isDirectory(cpusetRoot.resolve("kubepods"))) {
      return Optional.of(CgroupDriver.CGROUPFS);
    }
    return Optional.empty();
  }

  /**
   * The adapter that writes this hierarchy. On v1 it is given the cgroupfs root holding one
   * directory per controller, the parent of the cpuset hierarchy.
   */
  public CpusetCgroups adapter() {
    return version == CgroupVersion.V2
        ? new CgroupV2Cpuset(cpusetRoot)
        : new CgroupV1Cpuset(cpusetRoot.getParent());
  }
}
