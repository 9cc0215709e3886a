package io.isocore.operator.scheduler;

import java.util.Set;

/**
 * Makes the planner's decisions real on the API server. The planner decides and the committer
 * commits; the in-memory allocation state is the caller's (it assumes a placement before the commit
 * and forgets it when the commit fails, as the kube-scheduler's binding cycle does). {@link
 * #commit} may run on a thread of the {@link CommitPipeline}; the other methods run on the
 * scheduling thread.
 */
public interface PlacementCommitter {

  /**
   * Writes the pod's CoreAllocation, then binds the pod, each write only while the Lease is held.
   * An ambiguous outcome (an error or no answer) is resolved by reading the object back, never
   * guessed: see {@link CommitResult}.
   */
  CommitResult commit(AdmissionPlanner.Placement placement);

  /**
   * Records the outcome's Event ({@code Scheduled} or {@code BindingFailed}); scheduling thread.
   */
  void settled(AdmissionPlanner.Placement placement, CommitResult result);

  /**
   * Leaves the pod pending: {@code PodScheduled=False} with the message, an Event when it changed.
   */
  void reject(AdmissionPlanner.Rejection rejection);

  /** Forgets the conditions written for pods no longer pending (placed, deleted, bound). */
  void retainPending(Set<String> pendingUids);

  /** What a commit did. */
  sealed interface CommitResult {}

  /** The CoreAllocation is written and the pod bound to its node (seen, or read back). */
  record Committed() implements CommitResult {}

  /**
   * Nothing of the placement holds: the pod is not bound to the node. The caller frees the assumed
   * cores and retries the pod after a backoff.
   *
   * @param reason why, for the pod's condition
   * @param allocationLeft the CoreAllocation this commit wrote could not be deleted: the caller
   *     retries the delete
   */
  record Failed(String reason, boolean allocationLeft) implements CommitResult {}

  /**
   * The outcome could not be learnt (the API server did not answer the read-back either), or the
   * Lease was lost between writes. The cores stay held: the level-triggered steps resolve it from
   * what the API server shows later (rebind a pod left unbound, release one bound elsewhere,
   * recreate a missing allocation).
   *
   * @param reason what is unknown, for the log
   */
  record Unresolved(String reason) implements CommitResult {}
}
