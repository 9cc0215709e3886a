package io.isocore.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.isocore.api.v1alpha1.IsolationProfile;
import io.isocore.api.v1alpha1.IsolationProfileStatus;
import io.isocore.api.v1alpha1.ProfileNodeStatus;
import io.isocore.core.alloc.NodeInventory;
import io.isocore.core.cpu.CpuSet;
import io.isocore.kube.status.Conditions;
import io.isocore.operator.catalog.NodeCatalog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place an IsolationProfile's status is built: matched nodes, per node the CPUs handed out
 * and the kernel command line that realises the profile, and Ready / Degraded conditions.
 */
public final class ProfileStatuses {
  public static final String READY = "Ready";
  public static final String DEGRADED = "Degraded";

  private ProfileStatuses() {}

  public static IsolationProfileStatus build(
      IsolationProfile profile, NodeCatalog catalog, Instant now) {
    String name = profile.getMetadata().getName();
    Long generation = profile.getMetadata().getGeneration();
    List<Condition> previous =
        profile.getStatus() == null ? List.of() : profile.getStatus().conditions();
    List<String> matched = catalog.profileNodes().getOrDefault(name, List.of());
    List<ProfileNodeStatus> nodes = new ArrayList<>();
    List<String> degraded = new ArrayList<>();
    for (String node : matched) {
      ProfileNodeStatus status = node(node, catalog);
      nodes.add(status);
      if (status.findings() != null && !status.findings().isEmpty()) {
        degraded.add(node + ": " + String.join("; ", status.findings()));
      }
    }
    List<Condition> conditions = new ArrayList<>();
    String problem = catalog.profileProblems().get(name);
    if (problem != null) {
      conditions.add(
          Conditions.condition(previous, READY, false, "InvalidSpec", problem, generation, now));
    } else if (matched.isEmpty()) {
      conditions.add(
          Conditions.condition(
              previous,
              READY,
              false,
              "NoNodes",
              "the nodeSelector matches no node",
              generation,
              now));
    } else {
      conditions.add(
          Conditions.condition(
              previous,
              READY,
              true,
              "Valid",
              "applies to " + matched.size() + " node(s)",
              generation,
              now));
    }
    conditions.add(
        Conditions.condition(
            previous,
            DEGRADED,
            !degraded.isEmpty(),
            degraded.isEmpty() ? "AsSpecified" : "NodeFindings",
            degraded.isEmpty()
                ? "every matched node is as the profile asks"
                : String.join(" | ", degraded),
            generation,
            now));
    return new IsolationProfileStatus(generation, matched.size(), nodes, conditions);
  }

  /** isolcpus, nohz_full and rcu_nocbs on the isolated CPUs, IRQs on the reserved ones. */
  /** One matched node: the CPUs handed out and the kernel command line, or why it is not used. */
  private static ProfileNodeStatus node(String node, NodeCatalog catalog) {
    NodeInventory inventory = catalog.inventories().get(node);
    List<String> findings = new ArrayList<>(catalog.nodeFindings().getOrDefault(node, List.of()));
    if (inventory == null) {
      String reason = catalog.unusable().getOrDefault(node, "not usable");
      findings.add(reason.replace("node(s) ", "node "));
      return new ProfileNodeStatus(node, null, null, findings);
    }
    CpuSet handedOut = inventory.isolated().minus(inventory.reserved());
    return new ProfileNodeStatus(
        node, handedOut.toListString(), cmdline(inventory), findings.isEmpty() ? null : findings);
  }

  static String cmdline(NodeInventory inventory) {
    String isolated = inventory.isolated().minus(inventory.reserved()).toListString();
    if (isolated.isEmpty()) {
      return null;
    }
    return "isolcpus=managed_irq,domain,"
        + isolated
        + " nohz_full="
        + isolated
        + " rcu_nocbs="
        + isolated
        + " irqaffinity="
        + inventory.reserved().toListString();
  }
}
