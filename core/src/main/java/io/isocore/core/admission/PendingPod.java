package io.isocore.core.admission;

import io.isocore.core.pod.PodKey;
import java.util.Objects;

/**
 * A latency pod waiting for admission.
 *
 * @param pod the pod
 * @param tenant the tenant it is charged to
 * @param cores the physical cores it is expected to take, checked against the tenant's cap before
 *     it is tried (the cores actually taken are charged)
 */
public record PendingPod(PodKey pod, String tenant, int cores) {

  /** Rejects nulls and negative cores. */
  public PendingPod {
    Objects.requireNonNull(pod, "pod");
    Objects.requireNonNull(tenant, "tenant");
    if (cores < 0) {
      throw new IllegalArgumentException("pod " + pod + " expects " + cores + " cores");
    }
  }
}
