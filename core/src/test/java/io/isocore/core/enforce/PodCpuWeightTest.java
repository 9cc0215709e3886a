package io.isocore.core.enforce;

import static io.isocore.core.enforce.PodCpuWeight.Unit.CPU_SHARES_V1;
import static io.isocore.core.enforce.PodCpuWeight.Unit.CPU_WEIGHT_V2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PodCpuWeightTest {

  @ParameterizedTest
  @CsvSource({"0,2", "1,2", "100,102", "250,256", "1000,1024", "2500,2560", "300000,262144"})
  void kubeletSharesAreMilliCpuToShares(long milli, long shares) {
    assertThat(PodCpuWeight.kubeletShares(milli)).isEqualTo(shares);
  }

  @ParameterizedTest
  @CsvSource({"2,1", "102,4", "1024,39", "2048,79", "262144,10000"})
  void kubeletWeightIsTheKubeletsSharesToWeight(long shares, long weight) {
    assertThat(PodCpuWeight.kubeletWeight(shares)).isEqualTo(weight);
  }

  @Test
  void containerModeLeavesTheKubeletsValue() {
    assertThat(PodCpuWeight.decide(CPU_SHARES_V1, ShareWeighting.CONTAINER, 1000, 300))
        .isEqualTo(new PodCpuWeight.Kubelet(1024));
    assertThat(PodCpuWeight.decide(CPU_WEIGHT_V2, ShareWeighting.CONTAINER, 1000, 300))
        .isEqualTo(new PodCpuWeight.Kubelet(39));
  }

  @Test
  void podModeScalesTheKubeletsValueByTicketsOverOneHundred() {
    assertThat(PodCpuWeight.decide(CPU_SHARES_V1, ShareWeighting.POD, 1000, 300))
        .isEqualTo(new PodCpuWeight.Scaled(3072, 1024));
    assertThat(PodCpuWeight.decide(CPU_SHARES_V1, ShareWeighting.POD, 1000, 100))
        .isEqualTo(new PodCpuWeight.Scaled(1024, 1024));
    assertThat(PodCpuWeight.decide(CPU_WEIGHT_V2, ShareWeighting.POD, 1000, 300))
        .isEqualTo(new PodCpuWeight.Scaled(117, 39));
    assertThat(PodCpuWeight.decide(CPU_WEIGHT_V2, ShareWeighting.POD, 1000, 100))
        .isEqualTo(new PodCpuWeight.Scaled(39, 39));
  }

  @Test
  void equalRequestsGiveTheTicketRatioOnBothVersions() {
    for (PodCpuWeight.Unit unit : PodCpuWeight.Unit.values()) {
      long a = value(PodCpuWeight.decide(unit, ShareWeighting.POD, 500, 300));
      long b = value(PodCpuWeight.decide(unit, ShareWeighting.POD, 500, 100));
      assertThat((double) a / b)
          .as(unit.name())
          .isCloseTo(3.0, org.assertj.core.data.Offset.offset(0.1));
    }
  }

  @Test
  void aLenderKeepsTheKernelsMinimumNeverZero() {
    assertThat(PodCpuWeight.decide(CPU_SHARES_V1, ShareWeighting.POD, 100, 1))
        .isEqualTo(new PodCpuWeight.Scaled(2, 102));
    assertThat(PodCpuWeight.decide(CPU_WEIGHT_V2, ShareWeighting.POD, 100, 1))
        .isEqualTo(new PodCpuWeight.Scaled(1, 4));
  }

  @Test
  void aWeightAboveTheKernelsRangeIsRefusedNotClamped() {
    assertThat(PodCpuWeight.decide(CPU_SHARES_V1, ShareWeighting.POD, 4000, 10_000))
        .isEqualTo(
            new PodCpuWeight.OutOfRange(
                "cpu.shares 4096 (from 4000m requested) × 10000 tickets / 100 = 409600 is above"
                    + " the kernel's maximum 262144"));
    assertThat(PodCpuWeight.decide(CPU_WEIGHT_V2, ShareWeighting.POD, 64000, 500))
        .isInstanceOf(PodCpuWeight.OutOfRange.class);
  }

  @Test
  void noTicketsLeaveTheKubeletsValue() {
    assertThat(PodCpuWeight.decide(CPU_SHARES_V1, ShareWeighting.POD, 1000, 0))
        .isEqualTo(new PodCpuWeight.Kubelet(1024));
  }

  @Test
  void aNegativeRequestIsAProgrammingError() {
    assertThatThrownBy(() -> PodCpuWeight.kubeletShares(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1m");
  }

  private static long value(PodCpuWeight.Decision d) {
    return ((PodCpuWeight.Scaled) d).value();
  }
}
