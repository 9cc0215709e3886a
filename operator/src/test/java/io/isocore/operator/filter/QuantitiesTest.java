package io.isocore.operator.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class QuantitiesTest {

  @Test
  void amountsAreExactAndTheSameWhenRemembered() {
    for (int pass = 0; pass < 2; pass++) {
      assertThat(Quantities.amount(new Quantity("1Gi"))).isEqualByComparingTo("1073741824");
      assertThat(Quantities.amount(new Quantity("500m"))).isEqualByComparingTo("0.5");
      assertThat(Quantities.amount(new Quantity("2"))).isEqualByComparingTo("2");
      assertThat(Quantities.amount(new Quantity("1", "Gi"))).isEqualByComparingTo("1073741824");
      assertThat(Quantities.amount(new Quantity("1", "Mi"))).isEqualByComparingTo("1048576");
      assertThat(Quantities.amount(null)).isEqualTo(BigDecimal.ZERO);
    }
  }

  @Test
  void anInvalidQuantityIsNamedEveryTimeAndNeverRemembered() {
    for (int pass = 0; pass < 2; pass++) {
      assertThatThrownBy(() -> Quantities.amount(new Quantity("12Qx")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("invalid quantity '12Qx'");
    }
  }

  @Test
  void distinctQuantitiesCannotGrowTheMemoPastItsBound() {
    for (int i = 0; i < 3 * Quantities.REMEMBERED; i++) {
      assertThat(Quantities.amount(new Quantity(i + "Ki")))
          .isEqualByComparingTo(BigDecimal.valueOf(1024L * i));
      assertThat(Quantities.remembered()).isLessThanOrEqualTo(Quantities.REMEMBERED);
    }
  }
}
