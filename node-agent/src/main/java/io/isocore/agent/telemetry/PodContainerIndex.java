package io.isocore.agent.telemetry;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.isocore.core.telemetry.ContainerKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A {@link ContainerResolver} built from the pods on this node: maps each running container's
 * {@code status.containerStatuses[].containerID} ({@code containerd://<id>}, {@code cri-o://<id>})
 * and the pod's UID to its namespace, pod and container names. Replace the whole index whenever the
 * node's pod list changes; reads are lock-free.
 */
public final class PodContainerIndex implements ContainerResolver {

  private volatile Map<ContainerKey, ContainerRef> index = Map.of();

  /**
   * Rebuilds the index.
   *
   * @param pods the pods bound to this node
   * @param latency which pods are latency pods (others are not scanned)
   */
  public void update(List<Pod> pods, Predicate<Pod> latency) {
    Map<ContainerKey, ContainerRef> next = new HashMap<>();
    for (Pod pod : pods) {
      if (!latency.test(pod) || pod.getStatus() == null) {
        continue;
      }
      String uid = pod.getMetadata().getUid();
      for (ContainerStatus s : pod.getStatus().getContainerStatuses()) {
        String id = s.getContainerID();
        if (uid == null || id == null || id.isEmpty()) {
          continue;
        }
        int sep = id.indexOf("://");
        next.put(
            new ContainerKey(uid, sep < 0 ? id : id.substring(sep + 3)),
            new ContainerRef(
                pod.getMetadata().getNamespace(), pod.getMetadata().getName(), s.getName()));
      }
    }
    index = Map.copyOf(next);
  }

  @Override
  public boolean isEmpty() {
    return index.isEmpty();
  }

  @Override
  public Optional<ContainerRef> resolve(ContainerKey key) {
    return Optional.ofNullable(index.get(key));
  }
}
