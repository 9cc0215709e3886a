package io.isocore.agent.topology;

import io.isocore.core.node.CgroupLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the cgroup version holding the cpuset controller (from {@code /proc/self/mounts}, else the
 * layout of {@code /sys/fs/cgroup}) and where kubepods live: {@code kubepods.slice} (systemd
 * driver) or {@code kubepods} (cgroupfs driver).
 */
public final class CgroupLayoutReader {

  private final KernelFiles files;

  /** Reads through {@code files}, recording degradations there. */
  public CgroupLayoutReader(KernelFiles files) {
    this.files = files;
  }

  /** Reads the layout. */
  public CgroupLayout read() {
    String v1Cpuset = null;
    String v2 = null;
    for (String line : files.text(files.path("proc/self/mounts")).orElse("").split("\n")) {
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
    Path cgroupRoot = files.path("sys/fs/cgroup");
    Optional<String> version;
    Path hierarchy;
    if (v1Cpuset != null) {
      version = Optional.of("v1");
      hierarchy = files.path(v1Cpuset.substring(1));
    } else if (v2 != null) {
      version = Optional.of("v2");
      hierarchy = files.path(v2.substring(1));
    } else if (Files.exists(cgroupRoot.resolve("cgroup.controllers"))) {
      version = Optional.of("v2");
      hierarchy = cgroupRoot;
    } else if (Files.isDirectory(cgroupRoot.resolve("cpuset"))) {
      version = Optional.of("v1");
      hierarchy = cgroupRoot.resolve("cpuset");
    } else {
      return CgroupLayout.unknown();
    }
    if (Files.isDirectory(hierarchy.resolve("kubepods.slice"))) {
      return new CgroupLayout(version, Optional.of("systemd"), Optional.of("/kubepods.slice"));
    }
    if (Files.isDirectory(hierarchy.resolve("kubepods"))) {
      return new CgroupLayout(version, Optional.of("cgroupfs"), Optional.of("/kubepods"));
    }
    return new CgroupLayout(version, Optional.empty(), Optional.empty());
  }
}
