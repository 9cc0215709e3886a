package io.isocore.operator.scheduler;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.isocore.api.v1alpha1.CoreAllocation;
import io.isocore.core.pod.PodKey;
import io.isocore.operator.pod.Pods;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads an object back after a write whose outcome is ambiguous (an error, a timeout, a lost
 * answer): the API server, not the exception, says what happened. A read that fails is retried with
 * backoff; when every try fails the answer is {@link Found#UNKNOWN}, and the caller must not free
 * anything on it.
 */
public final class ReadBack {
  /** What the API server holds. */
  public enum Found {
    /** The write took effect: the allocation is ours, or the pod is bound to our node. */
    OURS,
    /** Nothing of the write: no allocation, or the pod is there and unbound. */
    ABSENT,
    /**
     * Someone else's: another allocation of that name, the pod bound elsewhere, gone or replaced.
     */
    OTHER,
    /** The API server did not answer any read. */
    UNKNOWN
  }

  private final Function<PodKey, Optional<Pod>> podFromApi;
  private final Function<PodKey, Optional<CoreAllocation>> allocationFromApi;
  private final Duration firstPause;
  private final int tries;

  /**
   * @param podFromApi a direct read of the pod (throws when the API server does not answer)
   * @param allocationFromApi a direct read of the pod's allocation (throws likewise)
   * @param firstPause the pause before the second read; doubled each time
   * @param tries how many reads before the answer is UNKNOWN
   */
  public ReadBack(
      Function<PodKey, Optional<Pod>> podFromApi,
      Function<PodKey, Optional<CoreAllocation>> allocationFromApi,
      Duration firstPause,
      int tries) {
    this.podFromApi = podFromApi;
    this.allocationFromApi = allocationFromApi;
    this.firstPause = firstPause;
    this.tries = tries;
  }

  /** Whether {@code pod} (this UID) is bound to {@code node}. */
  public Found pod(Pod pod, String node) {
    PodKey key = Pods.key(pod);
    return read(
        () ->
            podFromApi
                .apply(key)
                .map(
                    current -> {
                      if (!current.getMetadata().getUid().equals(pod.getMetadata().getUid())) {
                        return Found.OTHER;
                      }
                      if (!Pods.bound(current)) {
                        return Found.ABSENT;
                      }
                      return node.equals(Pods.nodeName(current)) ? Found.OURS : Found.OTHER;
                    })
                .orElse(Found.OTHER));
  }

  /** Whether the pod's allocation on the server is the one we meant to write. */
  public Found allocation(PodKey key, CoreAllocation wanted) {
    return read(
        () ->
            allocationFromApi
                .apply(key)
                .map(
                    current ->
                        Objects.equals(current.getSpec(), wanted.getSpec())
                            ? Found.OURS
                            : Found.OTHER)
                .orElse(Found.ABSENT));
  }

  private Found read(java.util.function.Supplier<Found> once) {
    long pause = firstPause.toMillis();
    for (int attempt = 1; ; attempt++) {
      try {
        return once.get();
      } catch (KubernetesClientException e) {
        if (attempt >= tries) {
          return Found.UNKNOWN;
        }
      }
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Found.UNKNOWN;
      }
      pause *= 2;
    }
  }
}
