package io.isocore.agent.topology;

import io.isocore.agent.cgroup.CgroupDriver;
import io.isocore.agent.cgroup.CgroupHierarchy;
import io.isocore.agent.host.HostRoot;
import io.isocore.core.node.CgroupLayout;
import java.util.Locale;
import java.util.Optional;

/**
 * Publishes the cgroup layout enforcement uses ({@link CgroupHierarchy}, the one detection): the
 * version and where kubepods live, {@code kubepods.slice} (systemd driver) or {@code kubepods}
 * (cgroupfs driver).
 */
public final class CgroupLayoutReader {

  private final KernelFiles files;

  /** Reads through {@code files}, recording degradations there. */
  public CgroupLayoutReader(KernelFiles files) {
    this.files = files;
  }

  /** Reads the layout. */
  public CgroupLayout read() {
    HostRoot host = new HostRoot(files.root());
    String mounts = files.text(host.mounts()).orElse("");
    Optional<CgroupHierarchy> hierarchy = CgroupHierarchy.detect(host, mounts);
    if (hierarchy.isEmpty()) {
      return CgroupLayout.unknown();
    }
    Optional<String> version =
        Optional.of(hierarchy.get().version().name().toLowerCase(Locale.ROOT));
    Optional<CgroupDriver> driver = hierarchy.get().driver();
    if (driver.isEmpty()) {
      return new CgroupLayout(version, Optional.empty(), Optional.empty());
    }
    return driver.get() == CgroupDriver.SYSTEMD
        ? new CgroupLayout(version, Optional.of("systemd"), Optional.of("/kubepods.slice"))
        : new CgroupLayout(version, Optional.of("cgroupfs"), Optional.of("/kubepods"));
  }
}
