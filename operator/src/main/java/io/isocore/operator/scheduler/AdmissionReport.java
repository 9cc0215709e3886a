package io.isocore.operator.scheduler;

import io.isocore.core.pod.PodKey;
import java.util.List;
import java.util.Map;

/**
 * What one admission pass did.
 *
 * @param placed pods given cores and bound, in admission order
 * @param unschedulable pods left pending with their condition written, and why
 */
public record AdmissionReport(List<PodKey> placed, Map<PodKey, String> unschedulable) {
  public AdmissionReport {
    placed = List.copyOf(placed);
    unschedulable = Map.copyOf(unschedulable);
  }
}
