package io.isocore.operator.filter;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;

/** Kubernetes quantities as exact decimals (CPU in cores, memory and hugepages in bytes). */
final class Quantities {
  private Quantities() {}

  static BigDecimal amount(Quantity quantity) {
    if (quantity == null) {
      return BigDecimal.ZERO;
    }
    try {
      return Quantity.getAmountInBytes(quantity);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "invalid quantity '" + quantity + "': " + e.getMessage(), e);
    }
  }
}
