package io.isocore.agent.enforce;

import io.isocore.core.cpu.CpuSet;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One of this node's CoreAllocations as an enforcement pass decoded it, for the pass observers.
 *
 * @param key {@code namespace/name}
 * @param namespace the namespace of the allocation and its pod
 * @param podName the pod
 * @param created the allocation's creation time, when it has a valid one
 * @param exclusiveCpus the exclusive CPUs of each exclusive container, by container name (empty
 *     when the allocation is released or invalid)
 */
public record SeenAllocation(
    String key,
    String namespace,
    String podName,
    Optional<Instant> created,
    Map<String, CpuSet> exclusiveCpus) {

  /** Copies the map. */
  public SeenAllocation {
    exclusiveCpus = Map.copyOf(exclusiveCpus);
  }
}
