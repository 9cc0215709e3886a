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
 * @param podShare what the pod-level weight comes from, when the pod is seen and has a tenant
 * @param idleCpus the siblings the allocation holds idle ({@code spec.idleCpus}): in no pool
 */
public record DesiredAllocation(
    String key,
    long generation,
    String podUid,
    Optional<QosClass> qos,
    int numaNode,
    List<DesiredContainer> containers,
    Optional<PodShare> podShare,
    CpuSet idleCpus) {

  /** Copies the list. */
  public DesiredAllocation {
    containers = List.copyOf(containers);
  }

  /** An allocation holding no idle sibling. */
  public DesiredAllocation(
      String key,
      long generation,
      String podUid,
      Optional<QosClass> qos,
      int numaNode,
      List<DesiredContainer> containers,
      Optional<PodShare> podShare) {
    this(key, generation, podUid, qos, numaNode, containers, podShare, CpuSet.empty());
  }

  /** An allocation without pod-level weight input. */
  public DesiredAllocation(
      String key,
      long generation,
      String podUid,
      Optional<QosClass> qos,
      int numaNode,
      List<DesiredContainer> containers) {
    this(key, generation, podUid, qos, numaNode, containers, Optional.empty());
  }

  /** Whether the pod has a container on the shared pool (the part a pod weight acts on). */
  public boolean hasShared() {
    return containers.stream().anyMatch(c -> !c.exclusive());
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
