package io.isocore.operator.scheduler;

import java.util.Set;

/**
 * Makes the planner's decisions real on the API server. The planner decides and the committer
 * commits; the in-memory allocation state is the caller's (it assumes a placement before the commit
 * and forgets it when the commit fails, as the kube-scheduler's binding cycle does), so an
 * implementation that commits asynchronously or in batches can replace this one.
 */
public interface PlacementCommitter {

  /**
   * Writes the pod's CoreAllocation, then binds the pod; when either fails, removes what was
   * written and says why. Records the {@code Scheduled} or {@code BindingFailed} Event.
   */
  CommitResult commit(AdmissionPlanner.Placement placement);

  /**
   * Leaves the pod pending: {@code PodScheduled=False} with the message, an Event when it changed.
   */
  void reject(AdmissionPlanner.Rejection rejection);

  /** Forgets the conditions written for pods no longer pending (placed, deleted, bound). */
  void retainPending(Set<String> pendingUids);

  /** What a commit did. */
  sealed interface CommitResult {}

  /** The CoreAllocation is written and the pod bound. */
  record Committed() implements CommitResult {}

  /**
   * Nothing of the placement remains on the API server.
   *
   * @param reason why, for the pod's condition
   */
  record Failed(String reason) implements CommitResult {}
}
