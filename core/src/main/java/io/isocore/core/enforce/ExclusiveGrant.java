package io.isocore.core.enforce;

import io.isocore.core.cpu.CpuSet;
import java.util.Objects;

/**
 * The exclusive CPUs one allocation holds on the node.
 *
 * @param owner the allocation, {@code namespace/name}
 * @param cpus every exclusive CPU of the allocation's containers
 * @param numaNode the NUMA node the CPUs and memory come from
 */
public record ExclusiveGrant(String owner, CpuSet cpus, int numaNode) {

  /** Validates that no component is null. */
  public ExclusiveGrant {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(cpus, "cpus");
  }
}
