package io.isocore.core.enforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isocore.core.cpu.CpuSet;
import io.isocore.core.enforce.CpusetPins.Allocation;
import io.isocore.core.enforce.CpusetPins.Located;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CpusetPinsTest {

  private static final CpusetValue SHARED = new CpusetValue(CpuSet.parse("0-3"), CpuSet.of(0, 1));

  private static CgroupTree tree(Map<String, CpusetValue> values) {
    return CgroupTree.of("kubepods", values);
  }

  private static CpusetValue value(String cpus, String mems) {
    return new CpusetValue(CpuSet.parse(cpus), CpuSet.parse(mems));
  }

  @Test
  void exclusiveContainersGetTheirCpusAndNumaNodeSharedOnesAreNotPinned() {
    CgroupTree observed =
        tree(Map.of("kubepods", value("0-7", "0-1"), "kubepods/a", value("0-7", "0-1")));
    Map<String, CpusetValue> pins =
        CpusetPins.decide(
            List.of(
                new Allocation(
                    1,
                    false,
                    List.of(
                        new Located("kubepods/a", true, CpuSet.parse("6-7")),
                        new Located("kubepods/b", false, CpuSet.empty())))),
            observed,
            CpuSet.parse("6-7"),
            SHARED);

    assertThat(pins).containsExactly(Map.entry("kubepods/a", value("6-7", "1")));
  }

  @Test
  void rejectedContainersKeepTheirCpusMinusOtherAllocationsExclusiveCpus() {
    CgroupTree observed =
        tree(
            Map.of(
                "kubepods", value("0-7", "0-1"),
                "kubepods/r", value("4-7", "1"),
                "kubepods/x", value("6-7", "")));
    Map<String, CpusetValue> pins =
        CpusetPins.decide(
            List.of(
                new Allocation(
                    1,
                    true,
                    List.of(
                        new Located("kubepods/r", true, CpuSet.parse("6-7")),
                        new Located("kubepods/x", false, CpuSet.empty())))),
            observed,
            CpuSet.parse("6-7"),
            SHARED);

    // r keeps 4-5 (its value minus the accepted exclusive CPUs); x would keep nothing: shared
    assertThat(pins)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("kubepods/r", value("4-5", "1"), "kubepods/x", SHARED));
  }

  @Test
  void aRejectedContainerWithoutMemoryNodesGetsTheSharedPool() {
    CgroupTree observed =
        tree(Map.of("kubepods", value("0-7", "0-1"), "kubepods/r", value("4-5", "")));
    Map<String, CpusetValue> pins =
        CpusetPins.decide(
            List.of(
                new Allocation(0, true, List.of(new Located("kubepods/r", false, CpuSet.empty())))),
            observed,
            CpuSet.empty(),
            SHARED);

    assertThat(pins).containsExactly(Map.entry("kubepods/r", SHARED));
  }

  @Test
  void aRejectedContainerThatWasNotObservedIsAnError() {
    assertThatThrownBy(
            () ->
                CpusetPins.decide(
                    List.of(
                        new Allocation(
                            0, true, List.of(new Located("kubepods/gone", false, CpuSet.empty())))),
                    tree(Map.of("kubepods", value("0-7", "0"))),
                    CpuSet.empty(),
                    SHARED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kubepods/gone");
  }
}
