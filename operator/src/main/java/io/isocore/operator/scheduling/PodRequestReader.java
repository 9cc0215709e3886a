package io.isocore.operator.scheduling;

import io.fabric8.kubernetes.api.model.Pod;
import io.isocore.core.pod.PodRequest;

/**
 * Reads a pod's latency request (the pod contract: exclusive cores per container, hugepages, NIC
 * alignment) into the allocator's form. Implemented by the mapper in {@code operator.model}.
 */
@FunctionalInterface
public interface PodRequestReader {
  Result read(Pod pod);

  /** A readable request, or why the pod breaks the contract. */
  sealed interface Result {}

  record Valid(PodRequest request) implements Result {}

  /**
   * @param message what is wrong, e.g. "container app asks for cpu 1500m; exclusive cores need a
   *     whole number"
   */
  record Invalid(String message) implements Result {}
}
