package io.isocore.agent.enforce;

import io.fabric8.kubernetes.api.model.Pod;
import io.isocore.agent.telemetry.PodContainerIndex;
import io.isocore.api.v1alpha1.CoreAllocation;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** Which of this node's pods are latency pods: those a CoreAllocation names. */
public final class LatencyPods {

  private LatencyPods() {}

  /** Returns a test for pods named by one of {@code allocations} (same namespace). */
  public static Predicate<Pod> of(List<CoreAllocation> allocations) {
    Set<String> keys = new HashSet<>();
    for (CoreAllocation ca : allocations) {
      if (ca.getSpec() != null && ca.getSpec().podName() != null) {
        keys.add(ca.getMetadata().getNamespace() + "/" + ca.getSpec().podName());
      }
    }
    return pod ->
        pod.getMetadata() != null
            && keys.contains(pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName());
  }

  /** Rebuilds {@code index} from the informer caches of {@code objects}. */
  public static void refresh(PodContainerIndex index, InformerNodeObjects objects) {
    index.update(objects.pods(), of(objects.allocations()));
  }
}
