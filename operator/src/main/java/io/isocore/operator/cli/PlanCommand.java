package io.isocore.operator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.isocore.api.v1alpha1.CoreAllocation;
import io.isocore.api.v1alpha1.IsolationProfile;
import io.isocore.api.v1alpha1.NodeTopology;
import io.isocore.api.v1alpha1.NodeTopologySpec;
import io.isocore.api.v1alpha1.NodeTopologyStatus;
import io.isocore.core.alloc.AllocationState;
import io.isocore.core.alloc.PlacementDecision;
import io.isocore.core.alloc.PodAllocation;
import io.isocore.core.pod.PodRequest;
import io.isocore.core.profile.ProfileRules;
import io.isocore.core.topology.Topology;
import io.isocore.mapping.InvalidResourceException;
import io.isocore.mapping.allocation.CoreAllocations;
import io.isocore.mapping.profile.IsolationProfiles;
import io.isocore.mapping.topology.NodeTopologies;
import io.isocore.operator.catalog.InventoryBuilder;
import io.isocore.operator.catalog.NodeCatalog;
import io.isocore.operator.pod.PodRequestMapper;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code plan}: the scheduler's placement decision, offline, from NodeTopology documents (or the
 * agent's {@code topology --json}), existing CoreAllocations and a pod manifest. Applies isocore's
 * own rules (profile, whole isolated cores on one NUMA node, hugepages, NIC locality); it has no
 * Node objects, so taints, selectors and allocatable are not checked.
 *
 * <p>Exit codes: 0 placed, 1 unschedulable, 2 bad input.
 */
public final class PlanCommand {

  /** Exit code: the pod fits. */
  public static final int PLACED = 0;

  /** Exit code: the pod fits nowhere. */
  public static final int UNSCHEDULABLE = 1;

  /** Exit code: the arguments or files are wrong. */
  public static final int ERROR = 2;

  private PlanCommand() {}

  /** Runs the command; prints the decision to {@code out} and errors to {@code err}. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    PlanArguments arguments;
    try {
      arguments = PlanArguments.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("plan: " + e.getMessage());
      err.println(PlanArguments.USAGE);
      return ERROR;
    }
    try {
      return plan(arguments, out);
    } catch (RuntimeException e) {
      err.println("plan: " + e.getMessage());
      return ERROR;
    }
  }

  private static int plan(PlanArguments arguments, PrintStream out) {
    Optional<ProfileRules> profile = arguments.profile().map(PlanCommand::profile);
    List<NodeTopology> nodes = new ArrayList<>();
    for (Path file : arguments.topologies()) {
      nodes.addAll(topologies(file, arguments));
    }
    AllocationState state = new AllocationState();
    for (NodeTopology node : nodes) {
      String name = node.getMetadata().getName();
      if (state.node(name).isPresent()) {
        throw new IllegalArgumentException("node " + name + " is given twice");
      }
      try {
        Topology topology = NodeTopologies.toTopology(node);
        ProfileRules rules =
            profile.orElseGet(() -> DefaultProfile.forNode(topology, node.getStatus()));
        state.putNode(
            InventoryBuilder.build(name, node, rules, NodeTopologies::toTopology).inventory());
      } catch (RuntimeException e) {
        // The operator's words for the same NodeTopology (NodeCatalog), not an exception's.
        throw new IllegalArgumentException(NodeCatalog.unreadable(e), e);
      }
    }
    for (Path file : arguments.allocations()) {
      for (JsonNode document : ManifestReader.documents(file)) {
        CoreAllocation allocation = ManifestReader.convert(file, document, CoreAllocation.class);
        if (allocation.getMetadata() != null && allocation.getMetadata().getNamespace() == null) {
          allocation.getMetadata().setNamespace("default");
        }
        state.adopt(decode(file, allocation));
      }
    }
    Pod pod = single(arguments.pod(), "Pod", Pod.class);
    PodRequest request = PodRequestMapper.toRequest(pod);
    PlacementDecision decision = state.plan(request);
    if (arguments.json()) {
      out.println(PlanOutput.json(request, decision, state));
    } else {
      out.print(PlanOutput.text(request, decision, state));
    }
    return decision instanceof PlacementDecision.Placed ? PLACED : UNSCHEDULABLE;
  }

  private static List<NodeTopology> topologies(Path file, PlanArguments arguments) {
    List<JsonNode> documents = ManifestReader.documents(file);
    List<NodeTopology> result = new ArrayList<>();
    for (JsonNode document : documents) {
      String kind = ManifestReader.kind(document);
      if (kind.equals("NodeTopology")) {
        NodeTopology node = ManifestReader.convert(file, document, NodeTopology.class);
        String name =
            node.getSpec() != null && node.getSpec().nodeName() != null
                ? node.getSpec().nodeName()
                : node.getMetadata() == null ? null : node.getMetadata().getName();
        if (name == null) {
          throw new IllegalArgumentException(file + ": a NodeTopology without a name");
        }
        node.setMetadata(new ObjectMetaBuilder().withName(name).build());
        result.add(node);
      } else if (kind.isEmpty() && document.has("cores")) {
        if (documents.size() > 1
            || (arguments.node().isPresent() && arguments.topologies().size() > 1)) {
          throw new IllegalArgumentException(
              file
                  + ": a bare topology status must be alone in its file; --node needs a single"
                  + " --topology file");
        }
        NodeTopologyStatus status =
            ManifestReader.convert(file, document, NodeTopologyStatus.class);
        String name = arguments.node().orElse(baseName(file));
        NodeTopology node = new NodeTopology();
        node.setMetadata(new ObjectMetaBuilder().withName(name).build());
        node.setSpec(new NodeTopologySpec(name));
        node.setStatus(status);
        result.add(node);
      } else {
        throw new IllegalArgumentException(
            file
                + ": expected NodeTopology documents or a topology status (topology --json), found "
                + (kind.isEmpty() ? "a document without kind" : "kind " + kind));
      }
    }
    if (result.isEmpty()) {
      throw new IllegalArgumentException(file + ": no NodeTopology in the file");
    }
    return result;
  }

  /** The profile's rules, validated as the operator validates it (the file named on failure). */
  private static ProfileRules profile(Path file) {
    IsolationProfile profile = single(file, "IsolationProfile", IsolationProfile.class);
    try {
      // The operator keeps a profile with a bad heldCpuNoise in force (the SLO alone is not
      // applied); plan is the check before applying it, so it refuses the file.
      IsolationProfiles.heldCpuSlo(profile);
      return IsolationProfiles.resolve(profile);
    } catch (InvalidResourceException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  private static PodAllocation decode(Path file, CoreAllocation allocation) {
    try {
      return CoreAllocations.decode(allocation).allocation();
    } catch (InvalidResourceException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  private static <T> T single(Path file, String kind, Class<T> type) {
    List<JsonNode> documents = ManifestReader.documents(file);
    List<JsonNode> matching =
        documents.stream().filter(d -> ManifestReader.kind(d).equals(kind)).toList();
    if (matching.size() != 1) {
      throw new IllegalArgumentException(
          file + ": expected exactly one " + kind + ", found " + matching.size());
    }
    return ManifestReader.convert(file, matching.getFirst(), type);
  }

  private static String baseName(Path file) {
    String name = file.getFileName().toString();
    int dot = name.indexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
