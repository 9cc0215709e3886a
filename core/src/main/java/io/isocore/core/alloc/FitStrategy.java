package io.isocore.core.alloc;

/** Which NUMA node, among all that fit a pod, the pod goes to. */
public enum FitStrategy {
  /**
   * The one with the fewest free cores: packs pods so large free blocks survive for large requests.
   * The default.
   */
  BEST_FIT,
  /**
   * The one with the most free cores: spreads pods, as the default scheduler's LeastAllocated
   * scoring does. For comparison in benchmarks; it fragments the free pool.
   */
  WORST_FIT
}
