package io.isocore.operator.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.core.alloc.PlacementDecision;
import io.isocore.core.alloc.UnschedulableReason;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShortfallTest {

  @Test
  void allocatorShortfallFirstThenTheOtherNodesCounted() {
    var decision =
        new PlacementDecision.Unschedulable(
            UnschedulableReason.INSUFFICIENT_ISOLATED_CORES,
            "needs 4 whole isolated cores on one NUMA node; best: node n7, NUMA node 1, 3 free");
    assertThat(
            Shortfall.message(
                4,
                Map.of(
                    "a",
                    "Insufficient memory",
                    "b",
                    "Insufficient memory",
                    "c",
                    "node(s) matched no IsolationProfile"),
                decision))
        .isEqualTo(
            "needs 4 whole isolated cores on one NUMA node; best: node n7, NUMA node 1, 3 free."
                + " Other nodes: 2 Insufficient memory, 1 node(s) matched no IsolationProfile.");
  }

  @Test
  void noEligibleNodeReadsLikeTheKubeScheduler() {
    var decision =
        new PlacementDecision.Unschedulable(
            UnschedulableReason.NO_ELIGIBLE_NODE, "no eligible node");
    assertThat(
            Shortfall.message(
                2, Map.of("a", "node(s) were unschedulable", "b", "Insufficient cpu"), decision))
        .isEqualTo("0/2 nodes are available: 1 Insufficient cpu, 1 node(s) were unschedulable.");
  }
}
