package io.isocore.operator.scheduler;

/**
 * What one scheduling cycle did.
 *
 * @param leading whether this replica held the lease (nothing is done otherwise)
 * @param placed pods given cores and bound
 * @param unschedulable pods left pending, with their condition written
 * @param released allocations freed (pod gone or finished)
 * @param rebound allocations whose pod was bound again after a restart
 * @param statusHeld how soon a held LatencyTenant status write is due (zero when none is held): the
 *     loop comes back then, so held figures never wait for the resync
 */
public record CycleReport(
    boolean leading,
    int placed,
    int unschedulable,
    int released,
    int rebound,
    java.time.Duration statusHeld) {
  static final CycleReport IDLE = new CycleReport(false, 0, 0, 0, 0, java.time.Duration.ZERO);
}
