package io.isocore.core.enforce;

import io.isocore.core.cpu.CpuSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which exclusive grants the node can honour.
 *
 * @param accepted grants that name online CPUs of their NUMA node, held by nobody else
 * @param rejected the other grants' owners, each with the reason
 */
public record GrantCheck(List<ExclusiveGrant> accepted, Map<String, String> rejected) {

  /** Copies the collections. */
  public GrantCheck {
    accepted = List.copyOf(accepted);
    rejected = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rejected));
  }

  /**
   * Checks {@code grants} in order; an earlier grant wins a CPU both name (callers pass them oldest
   * first).
   *
   * @param grants the grants, oldest first
   * @param online the node's online CPUs
   * @param memoryNodes the node's NUMA nodes with memory
   * @param numaCpus the CPUs of each NUMA node; a node missing from the map is not checked
   */
  public static GrantCheck of(
      List<ExclusiveGrant> grants,
      CpuSet online,
      CpuSet memoryNodes,
      Map<Integer, CpuSet> numaCpus) {
    List<ExclusiveGrant> accepted = new ArrayList<>();
    Map<String, String> rejected = new LinkedHashMap<>();
    Map<Integer, String> holder = new java.util.HashMap<>();
    for (ExclusiveGrant grant : grants) {
      String problem = problem(grant, online, memoryNodes, numaCpus, holder);
      if (problem != null) {
        rejected.put(grant.owner(), problem);
        continue;
      }
      accepted.add(grant);
      grant.cpus().forEach(cpu -> holder.put(cpu, grant.owner()));
    }
    return new GrantCheck(accepted, rejected);
  }

  private static String problem(
      ExclusiveGrant grant,
      CpuSet online,
      CpuSet memoryNodes,
      Map<Integer, CpuSet> numaCpus,
      Map<Integer, String> holder) {
    if (grant.cpus().isEmpty()) {
      return "the allocation names no exclusive CPU";
    }
    CpuSet missing = grant.cpus().minus(online);
    if (!missing.isEmpty()) {
      return "CPUs "
          + missing
          + " are not online on this node (online: "
          + online
          + "); the allocation names CPUs the node does not have";
    }
    if (!memoryNodes.contains(grant.numaNode())) {
      return "NUMA node "
          + grant.numaNode()
          + " has no memory on this node (memory nodes: "
          + memoryNodes
          + ")";
    }
    CpuSet local = numaCpus.get(grant.numaNode());
    if (local != null && !local.containsAll(grant.cpus())) {
      return "CPUs "
          + grant.cpus().minus(local)
          + " are not on NUMA node "
          + grant.numaNode()
          + " (its CPUs: "
          + local
          + ")";
    }
    for (int cpu : grant.cpus().toList()) {
      String other = holder.get(cpu);
      if (other != null) {
        return "CPU " + cpu + " is already held exclusively by " + other;
      }
    }
    return null;
  }
}
