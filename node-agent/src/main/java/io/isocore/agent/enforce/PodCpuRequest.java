package io.isocore.agent.enforce;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * A pod's CPU request in millicores, summed as the kubelet sums it for the pod cgroup: the
 * containers' requests added up, at least the largest init container's, plus the pod overhead.
 */
final class PodCpuRequest {

  private PodCpuRequest() {}

  static long milli(Pod pod) {
    if (pod.getSpec() == null) {
      return 0;
    }
    long containers = 0;
    for (Container c : list(pod.getSpec().getContainers())) {
      containers += milli(c);
    }
    long init = 0;
    for (Container c : list(pod.getSpec().getInitContainers())) {
      init = Math.max(init, milli(c));
    }
    return Math.max(containers, init) + milli(pod.getSpec().getOverhead());
  }

  private static long milli(Container c) {
    return c.getResources() == null ? 0 : milli(c.getResources().getRequests());
  }

  private static long milli(Map<String, Quantity> resources) {
    Quantity q = resources == null ? null : resources.get("cpu");
    if (q == null) {
      return 0;
    }
    // The kubelet's MilliValue() rounds up.
    return Quantity.getAmountInBytes(q)
        .multiply(BigDecimal.valueOf(1000))
        .setScale(0, RoundingMode.CEILING)
        .longValueExact();
  }

  private static <T> List<T> list(List<T> l) {
    return l == null ? List.of() : l;
  }
}
