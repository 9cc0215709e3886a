package io.isocore.core.alloc;

import io.isocore.core.cpu.CpuSet;
import io.isocore.core.topology.Topology;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What one node offers latency pods: its topology, how its CPUs are carved, and the policies that
 * apply (from the node's IsolationProfile).
 *
 * <p>A core is usable when every online sibling is isolated, none is reserved, and none is
 * quarantined. Reserved wins over isolated: a CPU in both is never handed out.
 *
 * @param nodeName the Kubernetes node name
 * @param topology the node's topology
 * @param reserved housekeeping CPUs, never allocated
 * @param isolated the CPUs latency pods may get
 * @param smtPolicy how SMT siblings are handed out
 * @param numaPolicy whether a pod must fit one NUMA node
 * @param jitter per-CPU jitter of the last probe window (quietest cores are handed out first)
 * @param quarantineThresholdNanos a core with a sibling above this jitter is not handed out
 * @param hugepages hugepage capacity per NUMA node and page size
 * @param nicNumaNodes NUMA node of each network interface, by name (-1: the firmware does not say)
 */
public record NodeInventory(
    String nodeName,
    Topology topology,
    CpuSet reserved,
    CpuSet isolated,
    SmtPolicy smtPolicy,
    NumaPolicy numaPolicy,
    CpuJitter jitter,
    OptionalLong quarantineThresholdNanos,
    List<HugepageCapacity> hugepages,
    Map<String, Integer> nicNumaNodes) {

  /** Copies the collections and rejects nulls and a blank node name. */
  public NodeInventory {
    Objects.requireNonNull(nodeName, "nodeName");
    if (nodeName.isBlank()) {
      throw new IllegalArgumentException("a node inventory needs a node name");
    }
    Objects.requireNonNull(topology, "topology");
    Objects.requireNonNull(reserved, "reserved");
    Objects.requireNonNull(isolated, "isolated");
    Objects.requireNonNull(smtPolicy, "smtPolicy");
    Objects.requireNonNull(numaPolicy, "numaPolicy");
    Objects.requireNonNull(jitter, "jitter");
    Objects.requireNonNull(quarantineThresholdNanos, "quarantineThresholdNanos");
    hugepages = List.copyOf(hugepages);
    nicNumaNodes = Map.copyOf(nicNumaNodes);
  }

  /**
   * Returns an inventory with FullCores, SingleNodeRequired, no jitter data, no quarantine, the
   * topology's hugepage pool totals and no NICs.
   */
  public static NodeInventory of(
      String nodeName, Topology topology, CpuSet reserved, CpuSet isolated) {
    return new NodeInventory(
        nodeName,
        topology,
        reserved,
        isolated,
        SmtPolicy.FULL_CORES,
        NumaPolicy.SINGLE_NODE_REQUIRED,
        CpuJitter.none(),
        OptionalLong.empty(),
        HugepageCapacity.ofPoolTotals(topology),
        Map.of());
  }

  /** Returns this inventory with other policies. */
  public NodeInventory withPolicies(SmtPolicy smt, NumaPolicy numa) {
    return new NodeInventory(
        nodeName,
        topology,
        reserved,
        isolated,
        smt,
        numa,
        jitter,
        quarantineThresholdNanos,
        hugepages,
        nicNumaNodes);
  }

  /** Returns this inventory with jitter data and a quarantine threshold. */
  public NodeInventory withJitter(CpuJitter cpuJitter, OptionalLong thresholdNanos) {
    return new NodeInventory(
        nodeName,
        topology,
        reserved,
        isolated,
        smtPolicy,
        numaPolicy,
        cpuJitter,
        thresholdNanos,
        hugepages,
        nicNumaNodes);
  }

  /** Returns this inventory with other hugepage capacity. */
  public NodeInventory withHugepages(List<HugepageCapacity> capacity) {
    return new NodeInventory(
        nodeName,
        topology,
        reserved,
        isolated,
        smtPolicy,
        numaPolicy,
        jitter,
        quarantineThresholdNanos,
        capacity,
        nicNumaNodes);
  }

  /** Returns this inventory with the NUMA nodes of its network interfaces. */
  public NodeInventory withNics(Map<String, Integer> nics) {
    return new NodeInventory(
        nodeName,
        topology,
        reserved,
        isolated,
        smtPolicy,
        numaPolicy,
        jitter,
        quarantineThresholdNanos,
        hugepages,
        nics);
  }

  /** Returns whether CPU {@code cpu}'s last jitter window is above the quarantine threshold. */
  public boolean quarantined(int cpu) {
    return quarantineThresholdNanos.isPresent()
        && jitter.known(cpu)
        && jitter.maxNanos(cpu) > quarantineThresholdNanos.getAsLong();
  }

  /** Returns the hugepage capacity in bytes of one size on one NUMA node (0 without a pool). */
  public long hugepageCapacityBytes(int numaNode, long pageSizeBytes) {
    long bytes = 0;
    for (HugepageCapacity capacity : hugepages) {
      if (capacity.numaNode() == numaNode && capacity.pageSizeBytes() == pageSizeBytes) {
        bytes += capacity.bytes();
      }
    }
    return bytes;
  }
}
