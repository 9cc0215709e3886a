package io.isocore.agent.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.core.cpu.CpuSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The node's claims on exclusive CPUs and the siblings held idle, oldest allocation first. */
class ExclusiveCpuClaimsTest {

  private final Map<Integer, String> granted = new HashMap<>();

  private static DesiredAllocation allocation(String key, String exclusive, String idle) {
    return new DesiredAllocation(
        key,
        1,
        "uid-" + key,
        Optional.empty(),
        0,
        List.of(
            new DesiredContainer(
                "app",
                Optional.empty(),
                true,
                CpuSet.parse(exclusive),
                OptionalInt.empty(),
                List.of()),
            new DesiredContainer(
                "side", Optional.empty(), false, CpuSet.empty(), OptionalInt.empty(), List.of())),
        Optional.empty(),
        CpuSet.parse(idle));
  }

  @Test
  void anExclusiveCpuThatIsAnEarlierAllocationsIdleSiblingIsRejectedNamingIt() {
    assertThat(ExclusiveCpuClaims.claim(granted, "default/a", allocation("default/a", "10", "11")))
        .isEmpty();

    assertThat(ExclusiveCpuClaims.claim(granted, "default/b", allocation("default/b", "11", "")))
        .contains(
            "not enforced: CPU 11 is the idle sibling held by CoreAllocation default/a (granted"
                + " earlier on this node)");
    assertThat(granted)
        .as("the rejected allocation claims nothing")
        .doesNotContainValue("default/b");
  }

  @Test
  void anIdleSiblingThatIsAnEarlierAllocationsExclusiveCpuIsRejectedNamingIt() {
    assertThat(ExclusiveCpuClaims.claim(granted, "default/a", allocation("default/a", "11", "")))
        .isEmpty();

    assertThat(ExclusiveCpuClaims.claim(granted, "default/b", allocation("default/b", "10", "11")))
        .contains(
            "not enforced: idle sibling CPU 11 of this allocation is an exclusive CPU of"
                + " CoreAllocation default/a (granted earlier on this node)");
    assertThat(granted.get(10)).as("its exclusive CPU stays free").isNull();
  }

  @Test
  void everyClashIsNamedAndExclusiveOnExclusiveKeepsItsMessage() {
    ExclusiveCpuClaims.claim(granted, "default/a", allocation("default/a", "2,10", "3,11"));
    ExclusiveCpuClaims.claim(granted, "default/c", allocation("default/c", "6", "7"));

    assertThat(
            ExclusiveCpuClaims.claim(granted, "default/b", allocation("default/b", "2-3,11", "6")))
        .contains(
            "not enforced: CPUs 2 are held by CoreAllocation default/a; CPUs 3,11 are idle"
                + " siblings held by CoreAllocation default/a; idle sibling CPU 6 of this"
                + " allocation is an exclusive CPU of CoreAllocation default/c (granted earlier on"
                + " this node)");
  }

  @Test
  void theSameAllocationAgainAndSharedIdleSiblingsDoNotClash() {
    DesiredAllocation a = allocation("default/a", "10", "11");
    assertThat(ExclusiveCpuClaims.claim(granted, "default/a", a)).isEmpty();
    assertThat(ExclusiveCpuClaims.claim(granted, "default/a", a)).isEmpty();
    assertThat(ExclusiveCpuClaims.claim(granted, "default/b", allocation("default/b", "12", "11")))
        .as("both hold CPU 11 idle: it runs nothing either way")
        .isEmpty();
    assertThat(ExclusiveCpuClaims.claim(granted, "default/c", allocation("default/c", "11", "")))
        .isPresent();
  }

  @Test
  void anExclusiveCpuHeldByAnotherIsStillRejectedAsBefore() {
    ExclusiveCpuClaims.claim(granted, "team-a/lat", allocation("team-a/lat", "4-5", ""));
    assertThat(
            ExclusiveCpuClaims.claim(
                granted, "team-a/stale", allocation("team-a/stale", "5-6", "")))
        .contains(
            "not enforced: CPUs 5 are held by CoreAllocation team-a/lat (granted earlier on this"
                + " node)");
  }
}
