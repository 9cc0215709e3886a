package io.isocore.operator.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.isocore.operator.filter.ResourceAmounts;
import java.util.Map;
import java.util.TreeMap;

/**
 * One container's declared resources, read once for both of the pod's views: the isocore contract
 * (request = limit) and the default scheduler's fit (requests, a limit alone counting as both).
 *
 * @param name the container's name, "&lt;no name&gt;" when it has none
 * @param requests {@code resources.requests}, empty when absent
 * @param limits {@code resources.limits}, empty when absent
 */
record ContainerResources(
    String name, Map<String, Quantity> requests, Map<String, Quantity> limits) {

  ContainerResources {
    requests = Map.copyOf(requests);
    limits = Map.copyOf(limits);
  }

  static ContainerResources of(Container container) {
    String name = container.getName() == null ? "<no name>" : container.getName();
    ResourceRequirements resources = container.getResources();
    Map<String, Quantity> requests =
        resources == null || resources.getRequests() == null ? Map.of() : resources.getRequests();
    Map<String, Quantity> limits =
        resources == null || resources.getLimits() == null ? Map.of() : resources.getLimits();
    return new ContainerResources(name, nonNull(requests), nonNull(limits));
  }

  /**
   * The amounts the default scheduler counts: requests, where a limit without a request counts as
   * the request (API defaulting).
   *
   * @throws IllegalArgumentException naming the container and the quantity that is not one
   */
  ResourceAmounts effective() {
    Map<String, Quantity> merged = new TreeMap<>(limits);
    merged.putAll(requests);
    try {
      return ResourceAmounts.of(merged);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("container " + name + ": " + e.getMessage(), e);
    }
  }

  // Map.copyOf rejects null values; a manifest may carry "cpu: null".
  private static Map<String, Quantity> nonNull(Map<String, Quantity> map) {
    Map<String, Quantity> out = new TreeMap<>();
    map.forEach(
        (k, v) -> {
          if (k != null && v != null) {
            out.put(k, v);
          }
        });
    return out;
  }
}
