package io.isocore.core.admission;

/**
 * One pod admitted and placed.
 *
 * @param pod the pod
 * @param cores the cores charged to its tenant
 * @param passBefore the tenant's pass before the admission (stride; 0 for lottery)
 */
public record Admission(PendingPod pod, int cores, long passBefore) {}
