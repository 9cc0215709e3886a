package io.isocore.operator.scheduler;

/**
 * What one scheduling cycle did.
 *
 * @param leading whether this replica held the lease (nothing is done otherwise)
 * @param placed pods given cores and bound
 * @param unschedulable pods left pending, with their condition written
 * @param released allocations freed (pod gone or finished)
 * @param rebound allocations whose pod was bound again after a restart
 */
public record CycleReport(
    boolean leading, int placed, int unschedulable, int released, int rebound) {
  static final CycleReport IDLE = new CycleReport(false, 0, 0, 0, 0);
}
