package io.isocore.core.alloc;

/**
 * How SMT siblings are handed out. Requests count logical CPUs, as Kubernetes does; both policies
 * hold whole physical cores, so no other pod ever runs on a sibling of an exclusive CPU.
 */
public enum SmtPolicy {
  /**
   * A container gets whole physical cores with their siblings: {@code n} CPUs take {@code ceil(n /
   * threadsPerCore)} cores. When {@code n} is not a multiple of the threads per core, the last
   * core's spare sibling stays idle, held by the pod and given to no one.
   */
  FULL_CORES,
  /** A container gets one CPU per physical core: {@code n} CPUs take {@code n} cores. */
  IDLE_SIBLINGS
}
