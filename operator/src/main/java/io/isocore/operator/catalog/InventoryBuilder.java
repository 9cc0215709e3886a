package io.isocore.operator.catalog;

import io.isocore.api.v1alpha1.CpuHealth;
import io.isocore.api.v1alpha1.NicInfo;
import io.isocore.api.v1alpha1.NodeTopology;
import io.isocore.api.v1alpha1.NodeTopologyStatus;
import io.isocore.core.alloc.CpuJitter;
import io.isocore.core.alloc.HugepageCapacity;
import io.isocore.core.alloc.NodeInventory;
import io.isocore.core.cpu.CpuListFormatException;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.profile.ProfileReport;
import io.isocore.core.profile.ProfileRules;
import io.isocore.core.topology.Topology;
import io.isocore.mapping.InvalidResourceException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One node's {@link NodeInventory} from its NodeTopology and the resolved {@link ProfileRules} of
 * the IsolationProfile that selects it: reserved and isolated CPUs (the kernel's or the profile's
 * list), SMT and NUMA policies, per-CPU jitter with the quarantine threshold, hugepage pools and
 * NIC NUMA nodes.
 */
public final class InventoryBuilder {
  private InventoryBuilder() {}

  /**
   * @param findings what differs from the profile on this node, each with its fix
   */
  public record Built(NodeInventory inventory, List<String> findings) {}

  /**
   * @param rules the resolved IsolationProfile that selects the node
   * @throws InvalidResourceException when the NodeTopology cannot be read
   */
  public static Built build(
      String nodeName, NodeTopology nodeTopology, ProfileRules rules, TopologyReader reader) {
    NodeTopologyStatus status = nodeTopology.getStatus();
    Topology topology = reader.read(nodeTopology);
    ProfileReport report =
        ProfileReport.of(rules, kernelIsolated(nodeName, status), topology.online());
    CpuSet reserved = report.reserved();
    CpuSet isolated = report.isolated();
    List<String> findings = report.findings();
    NodeInventory inventory =
        NodeInventory.of(nodeName, topology, reserved, isolated)
            .withPolicies(rules.smt(), rules.numa())
            .withJitter(jitter(nodeName, status), threshold(rules, status))
            .withHugepages(HugepageCapacity.ofPoolTotals(topology))
            .withNics(nics(status));
    return new Built(inventory, List.copyOf(findings));
  }

  private static CpuSet kernelIsolated(String nodeName, NodeTopologyStatus status) {
    if (status.isolation() == null || status.isolation().isolated() == null) {
      return CpuSet.empty();
    }
    try {
      return CpuSet.parse(status.isolation().isolated());
    } catch (CpuListFormatException e) {
      throw new InvalidResourceException(
          "NodeTopology " + nodeName + ": status.isolation.isolated: " + e.getMessage());
    }
  }

  // CPU ids from the API size the jitter table: bounded here, whatever the installed CRD allows.
  private static CpuJitter jitter(String nodeName, NodeTopologyStatus status) {
    if (status.cpuHealth() == null) {
      return CpuJitter.none();
    }
    if (status.cpuHealth().size() > CpuSet.MAX_CPU_ID + 1) {
      throw new InvalidResourceException(
          "NodeTopology "
              + nodeName
              + ": status.cpuHealth has "
              + status.cpuHealth().size()
              + " items; expected at most "
              + (CpuSet.MAX_CPU_ID + 1));
    }
    Map<Integer, Long> max = new HashMap<>();
    for (CpuHealth health : status.cpuHealth()) {
      if (health == null || health.cpu() == null) {
        continue;
      }
      if (health.cpu() < 0 || health.cpu() > CpuSet.MAX_CPU_ID) {
        throw new InvalidResourceException(
            "NodeTopology "
                + nodeName
                + ": status.cpuHealth[].cpu is '"
                + health.cpu()
                + "'; expected an id from 0 to "
                + CpuSet.MAX_CPU_ID);
      }
      if (Boolean.TRUE.equals(health.quarantined())) {
        // The agent judged it against the profile's threshold already: keep it out.
        max.put(health.cpu(), Long.MAX_VALUE);
      } else if (health.jitterMaxNanoseconds() != null) {
        max.put(health.cpu(), health.jitterMaxNanoseconds());
      }
    }
    return CpuJitter.of(max);
  }

  private static OptionalLong threshold(ProfileRules rules, NodeTopologyStatus status) {
    if (rules.quarantineNanos().isPresent()) {
      return rules.quarantineNanos();
    }
    boolean agentQuarantined =
        status.cpuHealth() != null
            && status.cpuHealth().stream().anyMatch(h -> Boolean.TRUE.equals(h.quarantined()));
    // Without a threshold only the agent's own verdict (jitter pinned at MAX_VALUE) quarantines.
    return agentQuarantined ? OptionalLong.of(Long.MAX_VALUE - 1) : OptionalLong.empty();
  }

  private static Map<String, Integer> nics(NodeTopologyStatus status) {
    Map<String, Integer> nics = new HashMap<>();
    if (status.nics() != null) {
      for (NicInfo nic : status.nics()) {
        nics.put(nic.name(), nic.numaNode() == null ? -1 : nic.numaNode());
      }
    }
    return nics;
  }
}
