package io.isocore.operator.filter;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A pod's effective requests, computed as the kube-scheduler does: the sum of the app containers
 * and restartable init containers (sidecars), or the largest init container plus the sidecars
 * started before it, whichever is larger per resource; plus the pod overhead.
 */
public final class PodRequests {
  private PodRequests() {}

  public static ResourceAmounts of(Pod pod) {
    PodSpec spec = pod.getSpec();
    if (spec == null) {
      return ResourceAmounts.NONE;
    }
    ResourceAmounts sidecars = ResourceAmounts.NONE;
    ResourceAmounts initPeak = ResourceAmounts.NONE;
    for (Container init : nullSafe(spec.getInitContainers())) {
      ResourceAmounts own = of(init);
      if ("Always".equals(init.getRestartPolicy())) {
        sidecars = sidecars.plus(own);
        initPeak = initPeak.max(sidecars);
      } else {
        initPeak = initPeak.max(sidecars.plus(own));
      }
    }
    ResourceAmounts app = sidecars;
    for (Container c : nullSafe(spec.getContainers())) {
      app = app.plus(of(c));
    }
    return app.max(initPeak).plus(amounts(spec.getOverhead()));
  }

  /** A container's requests; a limit without a request counts as the request (API defaulting). */
  public static ResourceAmounts of(Container container) {
    ResourceRequirements resources = container.getResources();
    if (resources == null) {
      return ResourceAmounts.NONE;
    }
    Map<String, Quantity> merged = new TreeMap<>();
    if (resources.getLimits() != null) {
      merged.putAll(resources.getLimits());
    }
    if (resources.getRequests() != null) {
      merged.putAll(resources.getRequests());
    }
    return amounts(merged);
  }

  static ResourceAmounts amounts(Map<String, Quantity> quantities) {
    if (quantities == null || quantities.isEmpty()) {
      return ResourceAmounts.NONE;
    }
    Map<String, BigDecimal> out = new TreeMap<>();
    quantities.forEach((name, q) -> out.put(name, Quantities.amount(q)));
    return new ResourceAmounts(out);
  }

  private static <T> List<T> nullSafe(List<T> list) {
    return list == null ? List.of() : list;
  }
}
