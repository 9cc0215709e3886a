package io.isocore.core.alloc;

import io.isocore.core.cpu.CpuSet;
import java.util.List;
import java.util.Objects;

/**
 * What one container got.
 *
 * @param name the container name
 * @param cpus its exclusive CPUs; empty for a container on the shared pool
 * @param hugepages its hugepages, one entry per page size
 */
public record ContainerGrant(String name, CpuSet cpus, List<HugepageGrant> hugepages) {

  /** Copies the list. */
  public ContainerGrant {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(cpus, "cpus");
    hugepages = List.copyOf(hugepages);
  }

  /** Returns whether the container runs on CPUs of its own. */
  public boolean exclusive() {
    return !cpus.isEmpty();
  }
}
