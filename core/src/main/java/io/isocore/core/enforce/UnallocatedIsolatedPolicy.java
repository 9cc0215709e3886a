package io.isocore.core.enforce;

/** What the isolated CPUs that no allocation holds do (the IsolationProfile's policy). */
public enum UnallocatedIsolatedPolicy {
  /** They stay idle: out of the shared pool, the quietest choice. */
  IDLE,
  /** They join the shared pool until an allocation takes them. */
  SHARED
}
