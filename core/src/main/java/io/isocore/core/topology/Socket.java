package io.isocore.core.topology;

import io.isocore.core.cpu.CpuSet;
import java.util.List;

/**
 * A physical package.
 *
 * @param id the kernel's {@code physical_package_id}
 * @param cpus the online CPUs in the package
 * @param dies the die ids in the package (one die, id 0, where the kernel shows none)
 * @param numaNodes the NUMA nodes holding the package's CPUs, ascending
 */
public record Socket(int id, CpuSet cpus, List<Integer> dies, List<Integer> numaNodes) {
  /** Copies the lists so the record stays immutable. */
  public Socket {
    dies = List.copyOf(dies);
    numaNodes = List.copyOf(numaNodes);
  }
}
