package io.isocore.operator.filter;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The default scheduler's NodeUnschedulable and TaintToleration filters: a node marked
 * unschedulable, or with a NoSchedule or NoExecute taint the pod does not tolerate, is out.
 */
public final class TaintToleration {
  static final String UNSCHEDULABLE_TAINT = "node.kubernetes.io/unschedulable";

  private TaintToleration() {}

  /** Why the pod may not go to the node, or empty when its taints allow it. */
  public static Optional<String> reject(Pod pod, Node node) {
    List<Toleration> tolerations = tolerations(pod);
    if (node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable())) {
      Taint cordon = new Taint("NoSchedule", UNSCHEDULABLE_TAINT, null, null);
      if (tolerations.stream().noneMatch(t -> tolerates(t, cordon))) {
        return Optional.of("node(s) were unschedulable");
      }
    }
    for (Taint taint : taints(node)) {
      if (!"NoSchedule".equals(taint.getEffect()) && !"NoExecute".equals(taint.getEffect())) {
        continue;
      }
      if (tolerations.stream().noneMatch(t -> tolerates(t, taint))) {
        return Optional.of("node(s) had untolerated taint {" + describe(taint) + "}");
      }
    }
    return Optional.empty();
  }

  /** Kubernetes' Toleration.ToleratesTaint. */
  public static boolean tolerates(Toleration toleration, Taint taint) {
    String effect = toleration.getEffect();
    if (effect != null && !effect.isEmpty() && !effect.equals(taint.getEffect())) {
      return false;
    }
    String key = toleration.getKey();
    boolean anyKey = key == null || key.isEmpty();
    if (!anyKey && !key.equals(taint.getKey())) {
      return false;
    }
    String operator = toleration.getOperator();
    if ("Exists".equals(operator)) {
      return true;
    }
    if (operator == null || operator.isEmpty() || "Equal".equals(operator)) {
      // An empty key is only valid with Exists; with Equal it tolerates nothing.
      return !anyKey && nullToEmpty(toleration.getValue()).equals(nullToEmpty(taint.getValue()));
    }
    return false;
  }

  private static String describe(Taint taint) {
    String value = nullToEmpty(taint.getValue());
    return taint.getKey() + (value.isEmpty() ? "" : ": " + value);
  }

  private static List<Toleration> tolerations(Pod pod) {
    return pod.getSpec() == null || pod.getSpec().getTolerations() == null
        ? List.of()
        : new ArrayList<>(pod.getSpec().getTolerations());
  }

  private static List<Taint> taints(Node node) {
    return node.getSpec() == null || node.getSpec().getTaints() == null
        ? List.of()
        : node.getSpec().getTaints();
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
