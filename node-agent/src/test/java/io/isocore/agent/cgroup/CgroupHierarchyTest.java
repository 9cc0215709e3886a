package io.isocore.agent.cgroup;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.agent.host.HostRoot;
import io.isocore.agent.testing.FixtureSysfs;
import io.isocore.agent.topology.CgroupLayoutReader;
import io.isocore.agent.topology.KernelFiles;
import io.isocore.core.node.CgroupLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The cgroup version and driver the NodeTopology publishes are the ones enforcement writes. */
class CgroupHierarchyTest {

  @TempDir Path root;

  enum Host {
    /** cgroup v1, cpuset mounted at /sys/fs/cgroup/cpuset, systemd driver. */
    V1_SYSTEMD(
        "cgroup /sys/fs/cgroup/cpuset cgroup rw,nosuid,cpuset 0 0\n",
        "sys/fs/cgroup/cpuset/kubepods.slice",
        CgroupVersion.V1,
        "systemd"),
    /** cgroup v2 mounted at /sys/fs/cgroup, cgroupfs driver. */
    V2_CGROUPFS(
        "cgroup2 /sys/fs/cgroup cgroup2 rw,nosuid 0 0\n",
        "sys/fs/cgroup/kubepods",
        CgroupVersion.V2,
        "cgroupfs"),
    /**
     * A hybrid node whose mounts show a v1 cpuset hierarchy while /sys/fs/cgroup also holds
     * cgroup.controllers: publication used the mounts (v1), enforcement the file (v2).
     */
    HYBRID(
        "cgroup2 /sys/fs/cgroup/unified cgroup2 rw 0 0\n"
            + "cgroup /sys/fs/cgroup/cpuset cgroup rw,cpuset 0 0\n",
        "sys/fs/cgroup/cpuset/kubepods",
        CgroupVersion.V1,
        "cgroupfs"),
    /** No readable mounts: the layout of /sys/fs/cgroup decides. */
    NO_MOUNTS(null, "sys/fs/cgroup/kubepods.slice", CgroupVersion.V2, "systemd");

    final String mounts;
    final String kubepods;
    final CgroupVersion version;
    final String driver;

    Host(String mounts, String kubepods, CgroupVersion version, String driver) {
      this.mounts = mounts;
      this.kubepods = kubepods;
      this.version = version;
      this.driver = driver;
    }
  }

  @ParameterizedTest
  @EnumSource(Host.class)
  void publishedIsEnforced(Host host) throws IOException {
    if (host.mounts != null) {
      FixtureSysfs.put(root.resolve("proc/self/mounts"), host.mounts);
    }
    FixtureSysfs.put(root.resolve("sys/fs/cgroup/cgroup.controllers"), "cpuset cpu hugetlb\n");
    Files.createDirectories(root.resolve("sys/fs/cgroup/cpuset"));
    Files.createDirectories(root.resolve(host.kubepods));

    CgroupLayout published = new CgroupLayoutReader(new KernelFiles(root)).read();
    CgroupHierarchy enforced = CgroupHierarchy.forEnforcement(new HostRoot(root), Optional.empty());

    assertThat(published.version()).contains(host.version.name().toLowerCase(Locale.ROOT));
    assertThat(published.driver()).contains(host.driver);
    assertThat(enforced.version()).isEqualTo(host.version);
    assertThat(enforced.adapter().version()).isEqualTo(host.version);
    assertThat(published.version())
        .contains(enforced.adapter().version().name().toLowerCase(Locale.ROOT));
    assertThat(published.driver())
        .contains(enforced.driver().orElseThrow().name().toLowerCase(Locale.ROOT));
  }

  @ParameterizedTest
  @EnumSource(CgroupVersion.class)
  void aConfiguredCgroupRootIsReadByItsLayout(CgroupVersion version) throws IOException {
    Path sandbox = root.resolve("sandbox");
    if (version == CgroupVersion.V2) {
      FixtureSysfs.put(sandbox.resolve("cgroup.controllers"), "cpuset\n");
    } else {
      Files.createDirectories(sandbox.resolve("cpuset"));
    }

    CgroupHierarchy h = CgroupHierarchy.forEnforcement(new HostRoot(root), Optional.of(sandbox));

    assertThat(h.version()).isEqualTo(version);
    assertThat(h.adapter().version()).isEqualTo(version);
  }
}
