package io.isocore.operator.filter;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kubernetes quantities as exact decimals (CPU in cores, memory and hugepages in bytes).
 *
 * <p>A cluster uses few distinct quantities ("2", "4Gi", "110") but the scheduler reads them for
 * every pending pod, bound pod and node in every cycle, and parsing one costs BigDecimal powers:
 * parsed amounts are remembered by their text, at most {@link #REMEMBERED} of them (the memo starts
 * over when full, so odd quantities cannot grow it).
 */
final class Quantities {
  static final int REMEMBERED = 4096;
  private static final Map<String, BigDecimal> PARSED = new ConcurrentHashMap<>();

  private Quantities() {}

  static BigDecimal amount(Quantity quantity) {
    if (quantity == null) {
      return BigDecimal.ZERO;
    }
    String text = quantity.getAmount() + "\u0000" + quantity.getFormat();
    BigDecimal known = PARSED.get(text);
    if (known != null) {
      return known;
    }
    BigDecimal parsed;
    try {
      parsed = Quantity.getAmountInBytes(quantity);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "invalid quantity '" + quantity + "': " + e.getMessage(), e);
    }
    if (PARSED.size() >= REMEMBERED) {
      PARSED.clear();
    }
    PARSED.put(text, parsed);
    return parsed;
  }

  /** How many parsed amounts are remembered now (for tests). */
  static int remembered() {
    return PARSED.size();
  }
}
