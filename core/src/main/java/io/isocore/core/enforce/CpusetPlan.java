package io.isocore.core.enforce;

import java.util.List;
import java.util.Map;

/**
 * The outcome of {@link CpusetPlanner#plan}.
 *
 * @param desired the value every cgroup of the tree should hold
 * @param writes the writes, in the order they must be applied
 */
public record CpusetPlan(Map<String, CpusetValue> desired, List<CgroupWrite> writes) {

  /** Copies the collections. */
  public CpusetPlan {
    desired = Map.copyOf(desired);
    writes = List.copyOf(writes);
  }

  /** Returns whether nothing needs writing. */
  public boolean isEmpty() {
    return writes.isEmpty();
  }
}
