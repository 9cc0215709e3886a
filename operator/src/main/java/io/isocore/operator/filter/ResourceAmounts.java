package io.isocore.operator.filter;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Amounts per resource name (cpu in cores, memory and hugepages-* in bytes, extended resources in
 * units), as the default scheduler's NodeResourcesFit plugin counts them.
 */
public record ResourceAmounts(Map<String, BigDecimal> amounts) {
  public static final ResourceAmounts NONE = new ResourceAmounts(Map.of());

  public ResourceAmounts {
    // Sorted, so reasons such as "Insufficient cpu, Insufficient memory" come out in a stable
    // order.
    amounts = Collections.unmodifiableSortedMap(new TreeMap<>(amounts));
  }

  /**
   * Converts Kubernetes quantities (a container's requests, a node's allocatable, a pod's
   * overhead).
   *
   * @throws IllegalArgumentException naming the quantity that is not one
   */
  public static ResourceAmounts of(Map<String, Quantity> quantities) {
    if (quantities == null || quantities.isEmpty()) {
      return NONE;
    }
    Map<String, BigDecimal> out = new TreeMap<>();
    quantities.forEach((name, q) -> out.put(name, Quantities.amount(q)));
    return new ResourceAmounts(out);
  }

  public BigDecimal get(String resource) {
    return amounts.getOrDefault(resource, BigDecimal.ZERO);
  }

  public ResourceAmounts plus(ResourceAmounts other) {
    Map<String, BigDecimal> sum = new TreeMap<>(amounts);
    other.amounts.forEach((k, v) -> sum.merge(k, v, BigDecimal::add));
    return new ResourceAmounts(sum);
  }

  /** Per resource, the larger of the two. */
  public ResourceAmounts max(ResourceAmounts other) {
    Map<String, BigDecimal> max = new TreeMap<>(amounts);
    other.amounts.forEach((k, v) -> max.merge(k, v, BigDecimal::max));
    return new ResourceAmounts(max);
  }
}
