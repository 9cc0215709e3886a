package io.isocore.agent.pin;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.agent.enforce.DesiredAllocation;
import io.isocore.agent.enforce.DesiredContainer;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.enforce.CpuPools;
import io.isocore.core.enforce.UnallocatedIsolatedPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start pins (pure) and the directory they are written to. */
class StartPinsTest {

  static final String A = "11111111-2222-3333-4444-555555555555";
  static final String B = "66666666-7777-8888-9999-000000000000";

  @TempDir Path dir;

  private static DesiredContainer exclusive(String name, CpuSet cpus) {
    return new DesiredContainer(name, Optional.empty(), true, cpus, OptionalInt.empty(), List.of());
  }

  private static DesiredContainer shared(String name) {
    return new DesiredContainer(
        name, Optional.empty(), false, CpuSet.empty(), OptionalInt.empty(), List.of());
  }

  private static DesiredAllocation allocation(String uid, DesiredContainer... containers) {
    return new DesiredAllocation("ns/" + uid, 1, uid, Optional.empty(), 0, List.of(containers));
  }

  @Test
  void acceptedExclusiveContainersArePinnedOthersGetTheSharedPool() {
    // 4 CPUs, 1-3 isolated: A holds 1 (accepted), B asks for 4 (offline: not accepted).
    List<DesiredAllocation> allocations =
        List.of(
            allocation(A, exclusive("engine", CpuSet.of(1)), shared("sidecar")),
            allocation(B, exclusive("engine", CpuSet.of(4))));
    CpuPools pools =
        CpuPools.compute(
            CpuSet.range(0, 3), CpuSet.of(1), CpuSet.range(1, 3), UnallocatedIsolatedPolicy.IDLE);
    StartPins pins = StartPins.decide(allocations, pools);
    assertThat(pins.shared()).isEqualTo(CpuSet.of(0));
    assertThat(pins.pods()).isEqualTo(Map.of(A, Map.of("engine", CpuSet.of(1))));
  }

  @Test
  void directoryHoldsExactlyThePinsAndRewritesNothingThatMatches() throws Exception {
    PinDirectory pins = new PinDirectory(dir.resolve("pins"));
    StartPins first =
        new StartPins(
            CpuSet.of(0),
            Map.of(
                A,
                Map.of("engine", CpuSet.of(1)),
                B,
                Map.of("a", CpuSet.of(2), "b", CpuSet.of(3))));
    assertThat(pins.sync(first)).isEqualTo(4);
    assertThat(Files.readString(dir.resolve("pins/shared"))).isEqualTo("0\n");
    assertThat(Files.readString(dir.resolve("pins/" + A + "/engine"))).isEqualTo("1\n");
    assertThat(Files.readString(dir.resolve("pins/" + B + "/b"))).isEqualTo("3\n");
    assertThat(pins.sync(first)).isZero();

    Files.writeString(dir.resolve("pins/not-ours"), "kept\n");
    StartPins next = new StartPins(CpuSet.of(0, 2, 3), Map.of(A, Map.of("engine", CpuSet.of(1))));
    assertThat(pins.sync(next)).isEqualTo(2); // B removed, shared rewritten
    assertThat(dir.resolve("pins/" + B)).doesNotExist();
    assertThat(Files.readString(dir.resolve("pins/shared"))).isEqualTo("0,2-3\n");
    assertThat(dir.resolve("pins/not-ours")).exists();
    try (var left = Files.list(dir.resolve("pins"))) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("shared", A, "not-ours");
    }
  }
}
