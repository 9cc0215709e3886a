package io.isocore.operator.catalog;

import io.fabric8.kubernetes.api.model.Node;
import io.isocore.api.v1alpha1.IsolationProfile;
import io.isocore.api.v1alpha1.NodeTopology;
import io.isocore.core.alloc.NodeInventory;
import io.isocore.mapping.profile.IsolationProfiles;
import io.isocore.mapping.profile.ProfileSelection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Which nodes isocore may place on, each with its {@link NodeInventory}, and for every other node
 * the reason it is out (no profile, several profiles, an invalid profile, no NodeTopology, an
 * unreadable one). Pure: built from the informers' caches each cycle.
 *
 * @param inventories usable nodes, by name
 * @param unusable the reason each other node is out, by name
 * @param profileNodes the nodes each profile matches, by profile name
 * @param profileProblems why a profile is invalid, by profile name
 * @param nodeFindings what differs from the profile on a usable node (e.g. reserved CPUs the kernel
 *     isolates), by node name
 */
public record NodeCatalog(
    Map<String, NodeInventory> inventories,
    Map<String, String> unusable,
    Map<String, List<String>> profileNodes,
    Map<String, String> profileProblems,
    Map<String, List<String>> nodeFindings) {

  /**
   * @param reader reads a NodeTopology into core's model
   */
  public static NodeCatalog build(
      List<Node> nodes,
      Function<String, Optional<NodeTopology>> topologies,
      List<IsolationProfile> profiles,
      TopologyReader reader) {
    Map<String, String> problems = new TreeMap<>();
    for (IsolationProfile profile : profiles) {
      IsolationProfiles.problem(profile)
          .ifPresent(reason -> problems.put(profile.getMetadata().getName(), reason));
    }
    Map<String, NodeInventory> inventories = new TreeMap<>();
    Map<String, String> unusable = new TreeMap<>();
    Map<String, List<String>> profileNodes = new TreeMap<>();
    Map<String, List<String>> findings = new TreeMap<>();
    profiles.forEach(p -> profileNodes.put(p.getMetadata().getName(), new ArrayList<>()));
    for (Node node : nodes) {
      String name = node.getMetadata().getName();
      ProfileSelection selection =
          IsolationProfiles.selectFor(node.getMetadata().getLabels(), profiles);
      matched(selection).forEach(profile -> profileNodes.get(profile).add(name));
      if (!(selection instanceof ProfileSelection.Selected selected)) {
        unusable.put(name, reason(selection));
        continue;
      }
      Optional<NodeTopology> topology = topologies.apply(name);
      if (topology.isEmpty() || topology.get().getStatus() == null) {
        unusable.put(name, "node(s) had no NodeTopology (is the isocore agent running there?)");
        continue;
      }
      try {
        var built = InventoryBuilder.build(name, topology.get(), selected.rules(), reader);
        inventories.put(name, built.inventory());
        if (!built.findings().isEmpty()) {
          findings.put(name, built.findings());
        }
      } catch (RuntimeException e) {
        // InvalidResourceException from the reader, a status core's model rejects, or any other
        // failure on this one object: it removes only its own node, never the cycle.
        unusable.put(name, unreadable(e));
      }
    }
    profileNodes.replaceAll((k, v) -> Collections.unmodifiableList(v));
    return new NodeCatalog(inventories, unusable, profileNodes, problems, findings);
  }

  /**
   * Why a NodeTopology that failed to read removes its node; {@code plan} prints the same words.
   */
  public static String unreadable(RuntimeException e) {
    String why =
        e instanceof IllegalArgumentException && e.getMessage() != null
            ? e.getMessage()
            : e.getClass().getSimpleName() + ": " + e.getMessage();
    return "node(s) had an unreadable NodeTopology (" + why + ")";
  }

  /** The profiles that select the node, whatever the outcome. */
  private static List<String> matched(ProfileSelection selection) {
    return switch (selection) {
      case ProfileSelection.None none -> List.of();
      case ProfileSelection.Ambiguous ambiguous -> ambiguous.names();
      case ProfileSelection.Invalid invalid -> List.of(invalid.name());
      case ProfileSelection.Selected selected -> List.of(selected.name());
    };
  }

  // "node(s) ..." as the kube-scheduler words filter results. An invalid profile's reason is in
  // its own status (profileProblems); the node's reason only names the profile.
  private static String reason(ProfileSelection selection) {
    return switch (selection) {
      case ProfileSelection.Invalid invalid ->
          "node(s) had an invalid IsolationProfile " + invalid.name();
      default -> "node(s) " + selection.problem();
    };
  }
}
