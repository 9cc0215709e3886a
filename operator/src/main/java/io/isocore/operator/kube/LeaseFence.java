package io.isocore.operator.kube;

/**
 * Whether this replica may write now: it holds the leader Lease and renewed it recently enough that
 * no other replica can have taken it over. Checked before every write of a commit, so a replica
 * that lost the Lease (or cannot renew it) stops at once instead of writing over a new leader's
 * state.
 */
@FunctionalInterface
public interface LeaseFence {
  /** The fence of a single replica run without leader election. */
  LeaseFence ALWAYS = () -> true;

  boolean held();
}
