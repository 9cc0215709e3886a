package io.isocore.operator.pod;

import io.fabric8.kubernetes.api.model.Pod;
import io.isocore.core.pod.PodKey;

/** Questions about a pod every part of the scheduler asks the same way. */
public final class Pods {
  public static final String SCHEDULER_NAME = "isocore";

  private Pods() {}

  public static PodKey key(Pod pod) {
    return PodKey.of(pod.getMetadata().getNamespace(), pod.getMetadata().getName());
  }

  public static boolean terminal(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  public static String nodeName(Pod pod) {
    return pod.getSpec() == null ? null : pod.getSpec().getNodeName();
  }

  public static boolean bound(Pod pod) {
    String node = nodeName(pod);
    return node != null && !node.isEmpty();
  }

  /** Ours, unbound, alive: what the scheduler must place. */
  public static boolean pendingForUs(Pod pod) {
    return pod.getSpec() != null
        && SCHEDULER_NAME.equals(pod.getSpec().getSchedulerName())
        && !bound(pod)
        && !terminal(pod)
        && pod.getMetadata().getDeletionTimestamp() == null;
  }

  /** Ours, bound, alive: a pod that must hold a CoreAllocation on its node. */
  public static boolean boundForUs(Pod pod) {
    return pod.getSpec() != null
        && SCHEDULER_NAME.equals(pod.getSpec().getSchedulerName())
        && bound(pod)
        && !terminal(pod)
        && pod.getMetadata().getDeletionTimestamp() == null;
  }
}
