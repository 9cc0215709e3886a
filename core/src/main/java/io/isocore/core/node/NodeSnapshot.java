package io.isocore.core.node;

import io.isocore.core.audit.EnvironmentState;
import io.isocore.core.audit.IsolationState;
import io.isocore.core.topology.Topology;
import java.util.List;

/**
 * Everything the agent reads about a node in one pass.
 *
 * @param topology CPUs, cores, caches and NUMA nodes
 * @param isolation the kernel's CPU isolation and IRQ affinities
 * @param environment settings that affect latency
 * @param cgroup the cgroup layout
 * @param nics the network interfaces backed by a device
 * @param degradations the files that could not be used, and why
 */
public record NodeSnapshot(
    Topology topology,
    IsolationState isolation,
    EnvironmentState environment,
    CgroupLayout cgroup,
    List<Nic> nics,
    List<Degradation> degradations) {

  /** Copies the lists. */
  public NodeSnapshot {
    nics = List.copyOf(nics);
    degradations = List.copyOf(degradations);
  }
}
