package io.isocore.core.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.core.cpu.CpuSet;
import org.junit.jupiter.api.Test;

class CpuPoolsTest {

  private static final CpuSet ONLINE = CpuSet.parse("0-15");
  private static final CpuSet ISOLATED = CpuSet.parse("4-15");

  @Test
  void idlePolicyKeepsUnallocatedIsolatedCpusOutOfTheSharedPool() {
    CpuPools pools =
        CpuPools.compute(ONLINE, CpuSet.parse("4-5"), ISOLATED, UnallocatedIsolatedPolicy.IDLE);

    assertThat(pools.exclusive()).isEqualTo(CpuSet.parse("4-5"));
    assertThat(pools.idle()).isEqualTo(CpuSet.parse("6-15"));
    assertThat(pools.shared()).isEqualTo(CpuSet.parse("0-3"));
  }

  @Test
  void sharedPolicyLendsUnallocatedIsolatedCpusToTheSharedPool() {
    CpuPools pools =
        CpuPools.compute(ONLINE, CpuSet.parse("4-5"), ISOLATED, UnallocatedIsolatedPolicy.SHARED);

    assertThat(pools.idle()).isEqualTo(CpuSet.empty());
    assertThat(pools.shared()).isEqualTo(CpuSet.parse("0-3,6-15"));
  }

  @Test
  void offlineCpusAreInNoPool() {
    CpuPools pools =
        CpuPools.compute(
            CpuSet.parse("0-7"),
            CpuSet.parse("6-9"),
            CpuSet.parse("4-11"),
            UnallocatedIsolatedPolicy.IDLE);

    assertThat(pools.exclusive()).isEqualTo(CpuSet.parse("6-7"));
    assertThat(pools.idle()).isEqualTo(CpuSet.parse("4-5"));
    assertThat(pools.shared()).isEqualTo(CpuSet.parse("0-3"));
  }

  @Test
  void poolsAreDisjointAndCoverTheOnlineCpus() {
    for (UnallocatedIsolatedPolicy policy : UnallocatedIsolatedPolicy.values()) {
      CpuPools pools = CpuPools.compute(ONLINE, CpuSet.parse("5,9-10"), ISOLATED, policy);
      assertThat(pools.exclusive().intersects(pools.idle())).isFalse();
      assertThat(pools.exclusive().intersects(pools.shared())).isFalse();
      assertThat(pools.idle().intersects(pools.shared())).isFalse();
      assertThat(pools.exclusive().union(pools.idle()).union(pools.shared())).isEqualTo(ONLINE);
    }
  }

  @Test
  void idleSiblingsJoinNeitherTheSharedPoolNorTheProbeUnderEitherPolicy() {
    // CPU 4 exclusive, its sibling 12 held idle (the issue: shared=0-1,3-15 with 2 exclusive)
    for (UnallocatedIsolatedPolicy policy : UnallocatedIsolatedPolicy.values()) {
      CpuPools pools =
          CpuPools.compute(ONLINE, CpuSet.parse("4"), CpuSet.parse("12"), ISOLATED, policy);
      assertThat(pools.exclusive()).isEqualTo(CpuSet.parse("4"));
      assertThat(pools.idleSiblings()).isEqualTo(CpuSet.parse("12"));
      assertThat(pools.shared().contains(12)).as(policy.name()).isFalse();
      assertThat(pools.idle().contains(12)).as(policy.name()).isFalse();
      assertThat(pools.held()).isEqualTo(CpuSet.parse("4,12"));
      assertThat(CpuPools.probeCandidates(ONLINE, ISOLATED, pools.held()))
          .isEqualTo(CpuSet.parse("5-11,13-15"));
    }
  }

  @Test
  void anIdleSiblingThatIsAnotherAllocationsExclusiveCpuCountsAsExclusive() {
    CpuPools pools =
        CpuPools.compute(
            ONLINE,
            CpuSet.parse("4-5"),
            CpuSet.parse("5,13"),
            ISOLATED,
            UnallocatedIsolatedPolicy.SHARED);
    assertThat(pools.exclusive()).isEqualTo(CpuSet.parse("4-5"));
    assertThat(pools.idleSiblings()).isEqualTo(CpuSet.parse("13"));
    assertThat(pools.shared()).isEqualTo(CpuSet.parse("0-3,6-12,14-15"));
  }
}
