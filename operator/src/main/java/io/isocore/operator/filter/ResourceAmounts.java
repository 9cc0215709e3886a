package io.isocore.operator.filter;

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
