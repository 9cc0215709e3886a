package io.isocore.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NinesScaleTest {

  @Test
  void eachNineIsOneStep() {
    assertThat(NinesScale.x(0, 0)).isEqualTo(0);
    assertThat(NinesScale.x(90, 0)).isCloseTo(1, within(1e-9));
    assertThat(NinesScale.x(99, 0)).isCloseTo(2, within(1e-9));
    assertThat(NinesScale.x(99.9, 0)).isCloseTo(3, within(1e-9));
    assertThat(NinesScale.x(99.99, 0)).isCloseTo(4, within(1e-9));
    assertThat(NinesScale.x(50, 0)).isCloseTo(Math.log10(2), within(1e-9));
  }

  @Test
  void theMaximumSitsAtTheLastLatencyAndNothingGoesBeyond() {
    assertThat(NinesScale.x(100, 1000)).isCloseTo(3, within(1e-9));
    assertThat(NinesScale.x(99.99, 1000)).isCloseTo(3, within(1e-9));
    assertThat(NinesScale.x(100, 0)).isNaN();
    assertThat(NinesScale.x(100, 1)).isNaN();
  }

  @Test
  void labelsReadAsPercentiles() {
    assertThat(NinesScale.label(0)).isEqualTo("0%");
    assertThat(NinesScale.label(1)).isEqualTo("90%");
    assertThat(NinesScale.label(2)).isEqualTo("99%");
    assertThat(NinesScale.label(3)).isEqualTo("99.9%");
    assertThat(NinesScale.label(6)).isEqualTo("99.9999%");
    assertThat(NinesScale.label(Math.log10(2))).isEqualTo("50%");
    assertThat(NinesScale.format().format(5.0)).isEqualTo("99.999%");
  }
}
