package io.isocore.operator.filter;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The default scheduler's NodeAffinity filter: spec.nodeSelector, and
 * requiredDuringSchedulingIgnoredDuringExecution (terms ORed; within a term, expressions and fields
 * ANDed; an empty term matches nothing).
 */
public final class NodeAffinity {
  static final String MISMATCH = "node(s) didn't match Pod's node affinity/selector";

  private NodeAffinity() {}

  /** Why the node does not match the pod's selector or required affinity; empty if it does. */
  public static Optional<String> reject(Pod pod, Node node) {
    if (pod.getSpec() == null) {
      return Optional.empty();
    }
    Map<String, String> labels = labels(node);
    Map<String, String> selector = pod.getSpec().getNodeSelector();
    if (selector != null) {
      for (var e : selector.entrySet()) {
        if (!e.getValue().equals(labels.get(e.getKey()))) {
          return Optional.of(MISMATCH);
        }
      }
    }
    NodeSelector required = requiredAffinity(pod);
    if (required != null && !matches(required, node)) {
      return Optional.of(MISMATCH);
    }
    return Optional.empty();
  }

  static boolean matches(NodeSelector selector, Node node) {
    List<NodeSelectorTerm> terms = selector.getNodeSelectorTerms();
    if (terms == null) {
      return false;
    }
    return terms.stream().anyMatch(term -> matches(term, node));
  }

  static boolean matches(NodeSelectorTerm term, Node node) {
    List<NodeSelectorRequirement> exprs = orEmpty(term.getMatchExpressions());
    List<NodeSelectorRequirement> fields = orEmpty(term.getMatchFields());
    if (exprs.isEmpty() && fields.isEmpty()) {
      return false;
    }
    Map<String, String> labels = labels(node);
    for (NodeSelectorRequirement r : exprs) {
      if (!matches(r, labels.containsKey(r.getKey()), labels.get(r.getKey()))) {
        return false;
      }
    }
    for (NodeSelectorRequirement r : fields) {
      // metadata.name is the only field the API server accepts here.
      if (!"metadata.name".equals(r.getKey())) {
        return false;
      }
      String op = r.getOperator();
      if (!"In".equals(op) && !"NotIn".equals(op)) {
        return false;
      }
      if (!matches(r, true, node.getMetadata().getName())) {
        return false;
      }
    }
    return true;
  }

  /** One requirement against one label (present or not, with its value). */
  static boolean matches(NodeSelectorRequirement r, boolean present, String value) {
    List<String> values = orEmpty(r.getValues());
    return switch (r.getOperator()) {
      case "In" -> present && values.contains(value);
      case "NotIn" -> !present || !values.contains(value);
      case "Exists" -> present;
      case "DoesNotExist" -> !present;
      case "Gt", "Lt" -> present && values.size() == 1 && compare(r.getOperator(), value, values);
      default -> false;
    };
  }

  private static boolean compare(String op, String label, List<String> values) {
    try {
      long have = Long.parseLong(label);
      long bound = Long.parseLong(values.getFirst());
      return "Gt".equals(op) ? have > bound : have < bound;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static NodeSelector requiredAffinity(Pod pod) {
    var affinity = pod.getSpec().getAffinity();
    if (affinity == null || affinity.getNodeAffinity() == null) {
      return null;
    }
    return affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution();
  }

  private static Map<String, String> labels(Node node) {
    Map<String, String> labels = node.getMetadata().getLabels();
    return labels == null ? Map.of() : labels;
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
