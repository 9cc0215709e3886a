package io.isocore.core.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.core.cpu.CpuSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GrantCheckTest {

  private static final CpuSet ONLINE = CpuSet.parse("0-7");
  private static final CpuSet MEMS = CpuSet.parse("0-1");
  private static final Map<Integer, CpuSet> NUMA =
      Map.of(0, CpuSet.parse("0-3"), 1, CpuSet.parse("4-7"));

  @Test
  void validGrantsAreAccepted() {
    GrantCheck check =
        GrantCheck.of(
            List.of(
                new ExclusiveGrant("a/one", CpuSet.of(2, 3), 0),
                new ExclusiveGrant("a/two", CpuSet.of(6), 1)),
            ONLINE,
            MEMS,
            NUMA);

    assertThat(check.accepted())
        .extracting(ExclusiveGrant::owner)
        .containsExactly("a/one", "a/two");
    assertThat(check.rejected()).isEmpty();
  }

  @Test
  void cpusTheNodeDoesNotHaveAreRejectedWithTheFacts() {
    GrantCheck check =
        GrantCheck.of(
            List.of(new ExclusiveGrant("a/big", CpuSet.parse("6-9"), 1)), ONLINE, MEMS, NUMA);

    assertThat(check.accepted()).isEmpty();
    assertThat(check.rejected().get("a/big"))
        .contains("CPUs 8-9 are not online")
        .contains("online: 0-7");
  }

  @Test
  void theOlderGrantWinsACpuBothName() {
    GrantCheck check =
        GrantCheck.of(
            List.of(
                new ExclusiveGrant("a/old", CpuSet.of(2, 3), 0),
                new ExclusiveGrant("a/new", CpuSet.of(3), 0)),
            ONLINE,
            MEMS,
            NUMA);

    assertThat(check.accepted()).extracting(ExclusiveGrant::owner).containsExactly("a/old");
    assertThat(check.rejected().get("a/new"))
        .isEqualTo("CPU 3 is already held exclusively by a/old");
  }

  @Test
  void cpusOfAnotherNumaNodeAndNodesWithoutMemoryAreRejected() {
    GrantCheck check =
        GrantCheck.of(
            List.of(
                new ExclusiveGrant("a/remote", CpuSet.of(1, 5), 1),
                new ExclusiveGrant("a/nomem", CpuSet.of(0), 2),
                new ExclusiveGrant("a/empty", CpuSet.empty(), 0)),
            ONLINE,
            MEMS,
            NUMA);

    assertThat(check.rejected())
        .containsEntry("a/remote", "CPUs 1 are not on NUMA node 1 (its CPUs: 4-7)")
        .containsEntry("a/nomem", "NUMA node 2 has no memory on this node (memory nodes: 0-1)")
        .containsEntry("a/empty", "the allocation names no exclusive CPU");
  }
}
