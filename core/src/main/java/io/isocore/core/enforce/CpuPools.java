package io.isocore.core.enforce;

import io.isocore.core.cpu.CpuSet;
import java.util.Objects;

/**
 * How a node's online CPUs are split at one moment.
 *
 * @param exclusive CPUs held by exclusive containers
 * @param idleSiblings CPUs allocations hold idle: siblings of exclusive CPUs that no container runs
 *     on (a CoreAllocation's {@code spec.idleCpus}); never shared, never probed
 * @param idle isolated CPUs nobody holds, kept idle by the profile
 * @param shared the shared pool every other container runs on
 */
public record CpuPools(CpuSet exclusive, CpuSet idleSiblings, CpuSet idle, CpuSet shared) {

  /** Validates that no component is null. */
  public CpuPools {
    Objects.requireNonNull(exclusive, "exclusive");
    Objects.requireNonNull(idleSiblings, "idleSiblings");
    Objects.requireNonNull(idle, "idle");
    Objects.requireNonNull(shared, "shared");
  }

  /** Pools without idle siblings. */
  public CpuPools(CpuSet exclusive, CpuSet idle, CpuSet shared) {
    this(exclusive, CpuSet.empty(), idle, shared);
  }

  /**
   * Computes the pools without idle siblings, as {@link #compute(CpuSet, CpuSet, CpuSet, CpuSet,
   * UnallocatedIsolatedPolicy)}.
   */
  public static CpuPools compute(
      CpuSet online, CpuSet exclusive, CpuSet isolated, UnallocatedIsolatedPolicy policy) {
    return compute(online, exclusive, CpuSet.empty(), isolated, policy);
  }

  /**
   * Computes the pools: held = exclusive + idle siblings; shared = online − held − (unallocated
   * isolated CPUs, when the policy keeps them idle). Whatever the policy, an idle sibling never
   * joins the shared pool. CPUs that are not online are ignored; an idle sibling that is also
   * exclusive counts as exclusive.
   *
   * @param online the node's online CPUs
   * @param exclusive the CPUs held exclusively by valid allocations
   * @param idleSiblings the CPUs those allocations hold idle ({@code spec.idleCpus})
   * @param isolated the node's isolated CPUs (kernel or explicit)
   * @param policy what unallocated isolated CPUs do
   * @return the four disjoint pools, whose union is {@code online}
   */
  public static CpuPools compute(
      CpuSet online,
      CpuSet exclusive,
      CpuSet idleSiblings,
      CpuSet isolated,
      UnallocatedIsolatedPolicy policy) {
    CpuSet running = exclusive.intersection(online);
    CpuSet siblings = idleSiblings.intersection(online).minus(running);
    CpuSet held = running.union(siblings);
    CpuSet idle =
        policy == UnallocatedIsolatedPolicy.IDLE
            ? isolated.intersection(online).minus(held)
            : CpuSet.empty();
    return new CpuPools(running, siblings, idle, online.minus(held).minus(idle));
  }

  /** Returns every CPU the allocations hold: exclusive CPUs and idle siblings. */
  public CpuSet held() {
    return exclusive.union(idleSiblings);
  }

  /**
   * The CPUs the jitter probe may measure: isolated online CPUs that no allocation holds, neither
   * as an exclusive CPU nor as an idle sibling.
   *
   * @param online the node's online CPUs
   * @param isolated the CPUs the profile isolates
   * @param held every CPU the allocations hold ({@link #held()})
   */
  public static CpuSet probeCandidates(CpuSet online, CpuSet isolated, CpuSet held) {
    return isolated.intersection(online).minus(held);
  }
}
