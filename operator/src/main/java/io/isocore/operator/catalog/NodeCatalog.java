package io.isocore.operator.catalog;

import io.fabric8.kubernetes.api.model.Node;
import io.isocore.api.v1alpha1.IsolationProfile;
import io.isocore.api.v1alpha1.NodeTopology;
import io.isocore.core.alloc.NodeInventory;
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

  public static NodeCatalog build(
      List<Node> nodes,
      Function<String, Optional<NodeTopology>> topologies,
      List<IsolationProfile> profiles,
      TopologyReader reader) {
    Map<String, String> problems = new TreeMap<>();
    for (IsolationProfile profile : profiles) {
      ProfileCpus.invalidReason(profile)
          .ifPresent(reason -> problems.put(profile.getMetadata().getName(), reason));
    }
    Map<String, NodeInventory> inventories = new TreeMap<>();
    Map<String, String> unusable = new TreeMap<>();
    Map<String, List<String>> profileNodes = new TreeMap<>();
    Map<String, List<String>> findings = new TreeMap<>();
    profiles.forEach(p -> profileNodes.put(p.getMetadata().getName(), new ArrayList<>()));
    for (Node node : nodes) {
      String name = node.getMetadata().getName();
      List<IsolationProfile> matching =
          profiles.stream().filter(p -> ProfileCpus.selects(p, node)).toList();
      matching.forEach(p -> profileNodes.get(p.getMetadata().getName()).add(name));
      if (matching.isEmpty()) {
        unusable.put(name, "node(s) matched no IsolationProfile");
        continue;
      }
      if (matching.size() > 1) {
        unusable.put(
            name,
            "node(s) matched several IsolationProfiles ("
                + String.join(
                    ", ", matching.stream().map(p -> p.getMetadata().getName()).sorted().toList())
                + ")");
        continue;
      }
      IsolationProfile profile = matching.getFirst();
      String profileName = profile.getMetadata().getName();
      if (problems.containsKey(profileName)) {
        unusable.put(name, "node(s) had an invalid IsolationProfile " + profileName);
        continue;
      }
      Optional<NodeTopology> topology = topologies.apply(name);
      if (topology.isEmpty() || topology.get().getStatus() == null) {
        unusable.put(name, "node(s) had no NodeTopology (is the isocore agent running there?)");
        continue;
      }
      try {
        var built = InventoryBuilder.build(name, topology.get(), profile, reader);
        inventories.put(name, built.inventory());
        if (!built.findings().isEmpty()) {
          findings.put(name, built.findings());
        }
      } catch (IllegalArgumentException e) {
        unusable.put(name, "node(s) had an unreadable NodeTopology (" + e.getMessage() + ")");
      }
    }
    profileNodes.replaceAll((k, v) -> Collections.unmodifiableList(v));
    return new NodeCatalog(inventories, unusable, profileNodes, problems, findings);
  }
}
