package io.isocore.agent.enforce;

import io.isocore.agent.cgroup.QosClass;
import io.isocore.core.cpu.CpuSet;
import java.util.List;
import java.util.Optional;

/**
 * One CoreAllocation as the enforcer sees it.
 *
 * @param key {@code namespace/name}
 * @param generation the spec generation
 * @param podUid the pod's UID
 * @param qos the pod's QoS class, once known
 * @param numaNode the NUMA node of the exclusive CPUs and memory
 * @param containers the containers
 */
public record DesiredAllocation(
    String key,
    long generation,
    String podUid,
    Optional<QosClass> qos,
    int numaNode,
    List<DesiredContainer> containers) {

  /** Copies the list. */
  public DesiredAllocation {
    containers = List.copyOf(containers);
  }

  /** Returns every exclusive CPU of the allocation. */
  public CpuSet exclusiveCpus() {
    CpuSet all = CpuSet.empty();
    for (DesiredContainer c : containers) {
      if (c.exclusive()) {
        all = all.union(c.cpus());
      }
    }
    return all;
  }
}
