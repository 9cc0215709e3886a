package io.isocore.core.enforce;

import io.isocore.core.cpu.CpuSet;
import java.util.Objects;

/**
 * How a node's online CPUs are split at one moment.
 *
 * @param exclusive CPUs held by exclusive containers
 * @param idle isolated CPUs nobody holds, kept idle by the profile
 * @param shared the shared pool every other container runs on
 */
public record CpuPools(CpuSet exclusive, CpuSet idle, CpuSet shared) {

  /** Validates that no component is null. */
  public CpuPools {
    Objects.requireNonNull(exclusive, "exclusive");
    Objects.requireNonNull(idle, "idle");
    Objects.requireNonNull(shared, "shared");
  }

  /**
   * Computes the pools: shared = online − exclusive − (unallocated isolated CPUs, when the policy
   * keeps them idle). Exclusive and isolated CPUs that are not online are ignored.
   *
   * @param online the node's online CPUs
   * @param exclusive the CPUs held exclusively by valid allocations
   * @param isolated the node's isolated CPUs (kernel or explicit)
   * @param policy what unallocated isolated CPUs do
   * @return the three disjoint pools, whose union is {@code online}
   */
  public static CpuPools compute(
      CpuSet online, CpuSet exclusive, CpuSet isolated, UnallocatedIsolatedPolicy policy) {
    CpuSet held = exclusive.intersection(online);
    CpuSet idle =
        policy == UnallocatedIsolatedPolicy.IDLE
            ? isolated.intersection(online).minus(held)
            : CpuSet.empty();
    return new CpuPools(held, idle, online.minus(held).minus(idle));
  }
}
