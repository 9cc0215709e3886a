package io.isocore.agent.enforce;

import io.isocore.core.enforce.UnallocatedIsolatedPolicy;

/**
 * The IsolationProfile settings enforcement follows.
 *
 * @param unallocated what free isolated CPUs do
 * @param irqSteering whether IRQs are moved off exclusive CPUs
 */
public record EnforcementPolicy(UnallocatedIsolatedPolicy unallocated, boolean irqSteering) {

  /** The profile defaults: idle isolated CPUs, IRQ steering on. */
  public static final EnforcementPolicy DEFAULT =
      new EnforcementPolicy(UnallocatedIsolatedPolicy.IDLE, true);
}
