package io.isocore.agent.enforce;

import io.isocore.core.cpu.CpuSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What one container of an allocation should get.
 *
 * @param name the container name
 * @param containerId the runtime's ID from the pod status ({@code containerd://...}), once known
 * @param exclusive whether it runs alone on {@code cpus}; otherwise on the shared pool
 * @param cpus the exclusive CPUs (empty for shared containers)
 * @param cpuWeight the v2 {@code cpu.weight} for a shared container, if any
 * @param hugepages hugetlb limits to set
 */
public record DesiredContainer(
    String name,
    Optional<String> containerId,
    boolean exclusive,
    CpuSet cpus,
    OptionalInt cpuWeight,
    List<HugepageRequest> hugepages) {

  /** Copies the list. */
  public DesiredContainer {
    hugepages = List.copyOf(hugepages);
  }
}
