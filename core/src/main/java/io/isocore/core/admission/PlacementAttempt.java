package io.isocore.core.admission;

import java.util.OptionalInt;

/**
 * Tries to place one pod, committing it when it fits. Called by an {@link AdmissionQueue} in its
 * admission order.
 */
@FunctionalInterface
public interface PlacementAttempt {

  /** Returns the physical cores the pod took, or empty when it fits nowhere now. */
  OptionalInt tryPlace(PendingPod pod);
}
