package io.isocore.core.enforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CpuWeightsTest {

  @ParameterizedTest
  @CsvSource({"0,1", "1,1", "100,100", "250,250", "10000,10000", "10001,10000", "1000000,10000"})
  void ticketsMapOneToOneOntoCpuWeightWithinTheKernelRange(long tickets, int weight) {
    assertThat(CpuWeights.weightFromTickets(tickets)).isEqualTo(weight);
  }

  @ParameterizedTest
  @CsvSource({"1,10", "2,20", "50,512", "100,1024", "150,1536", "1000,10240", "10000,102400"})
  void sharesFollowTheKernelWeightConversion(int weight, long shares) {
    assertThat(CpuWeights.sharesFromWeight(weight)).isEqualTo(shares);
  }

  @Test
  void sharesStayInsideTheV1Range() {
    for (int weight = CpuWeights.MIN_WEIGHT; weight <= CpuWeights.MAX_WEIGHT; weight++) {
      assertThat(CpuWeights.sharesFromWeight(weight))
          .isBetween(CpuWeights.MIN_SHARES, CpuWeights.MAX_SHARES);
    }
  }

  @Test
  void weightsOutsideTheKernelRangeAreRefused() {
    assertThatThrownBy(() -> CpuWeights.sharesFromWeight(0)).hasMessageContaining("1..10000");
    assertThatThrownBy(() -> CpuWeights.sharesFromWeight(10001)).hasMessageContaining("1..10000");
  }

  @Test
  void ticketTransfersMoveWeightFromLenderToReceiver() {
    long lender = CpuWeights.effectiveTickets(300, 200, 0);
    long receiver = CpuWeights.effectiveTickets(100, 0, 200);

    assertThat(lender).isEqualTo(100);
    assertThat(receiver).isEqualTo(300);
    assertThat(CpuWeights.weightFromTickets(receiver)).isEqualTo(300);
  }

  @Test
  void aPodLendingEverythingKeepsTheMinimalWeight() {
    assertThat(CpuWeights.effectiveTickets(100, 100, 0)).isEqualTo(1);
    assertThat(CpuWeights.effectiveTickets(100, 500, 0)).isEqualTo(1);
  }

  @Test
  void negativeTicketsAreRefused() {
    assertThatThrownBy(() -> CpuWeights.effectiveTickets(-1, 0, 0)).hasMessageContaining("own=-1");
  }
}
