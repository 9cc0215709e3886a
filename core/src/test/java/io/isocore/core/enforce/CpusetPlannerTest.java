package io.isocore.core.enforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isocore.core.cpu.CpuSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CpusetPlannerTest {

  private static final CpusetValue TOP = v("0-7", "0-1");
  private static final String ROOT = "kubepods";
  private static final String POD_A = "kubepods/burstable/podA";
  private static final String POD_B = "kubepods/burstable/podB";

  private static CpusetValue v(String cpus, String mems) {
    return new CpusetValue(CpuSet.parse(cpus), CpuSet.parse(mems));
  }

  /** kubepods/burstable/{podA/{a1,a2},podB/{b1}} all on 0-7, mems 0-1. */
  private static CgroupTree allOnEverything() {
    Map<String, CpusetValue> values = new LinkedHashMap<>();
    for (String path :
        List.of(
            ROOT,
            "kubepods/burstable",
            POD_A,
            POD_A + "/a1",
            POD_A + "/a2",
            POD_B,
            POD_B + "/b1")) {
      values.put(path, TOP);
    }
    return CgroupTree.of(ROOT, values);
  }

  @Test
  void exclusiveContainerNarrowsChildrenBeforeParentsAndTheRestGetsTheSharedPool() {
    CgroupTree tree = allOnEverything();
    CpusetPlan plan =
        CpusetPlanner.plan(tree, Map.of(POD_A + "/a1", v("4-5", "1")), v("0-3,6-7", "0-1"));

    assertThat(plan.desired())
        .containsEntry(POD_A + "/a1", v("4-5", "1"))
        .containsEntry(POD_A + "/a2", v("0-3,6-7", "0-1"))
        .containsEntry(POD_A, v("0-7", "0-1"))
        .containsEntry(POD_B, v("0-3,6-7", "0-1"))
        .containsEntry(ROOT, v("0-7", "0-1"));
    assertThat(plan.writes())
        .extracting(CgroupWrite::toString)
        .containsExactly(
            POD_A + "/a1 CPUS=4-5",
            POD_A + "/a1 MEMS=1",
            POD_A + "/a2 CPUS=0-3,6-7",
            POD_B + "/b1 CPUS=0-3,6-7",
            POD_B + " CPUS=0-3,6-7");
    new CpusetV1Model(tree, TOP).apply(plan.writes());
  }

  @Test
  void releaseWidensParentsBeforeChildren() {
    CgroupTree before = allOnEverything();
    Map<String, CpusetValue> pinned = Map.of(POD_A + "/a1", v("4-5", "1"));
    CpusetV1Model kernel = new CpusetV1Model(before, TOP);
    kernel.apply(CpusetPlanner.plan(before, pinned, v("0-3,6", "0-1")).writes());
    CgroupTree applied = CgroupTree.of(ROOT, kernel.state());
    assertThat(applied.value(ROOT)).contains(v("0-6", "0-1"));

    CpusetPlan release = CpusetPlanner.plan(applied, Map.of(), v("0-7", "0-1"));

    assertThat(release.writes())
        .extracting(CgroupWrite::toString)
        .containsExactly(
            ROOT + " CPUS=0-7",
            "kubepods/burstable CPUS=0-7",
            POD_A + " CPUS=0-7",
            POD_A + "/a1 CPUS=0-7",
            POD_A + "/a1 MEMS=0-1",
            POD_A + "/a2 CPUS=0-7",
            POD_B + " CPUS=0-7",
            POD_B + "/b1 CPUS=0-7");
    kernel.apply(release.writes());
    assertThat(kernel.state()).isEqualTo(allOnEverything().values());
  }

  @Test
  void aTreeThatMatchesNeedsNoWrite() {
    CgroupTree tree = allOnEverything();
    Map<String, CpusetValue> pinned = Map.of(POD_B + "/b1", v("2-3", "0"));
    CpusetV1Model kernel = new CpusetV1Model(tree, TOP);
    kernel.apply(CpusetPlanner.plan(tree, pinned, v("0-1,4-7", "0-1")).writes());

    CpusetPlan again =
        CpusetPlanner.plan(CgroupTree.of(ROOT, kernel.state()), pinned, v("0-1,4-7", "0-1"));

    assertThat(again.isEmpty()).isTrue();
  }

  @Test
  void aNewV1CgroupGetsCpusAndMemsFirst() {
    CgroupTree tree = allOnEverything().with(POD_B + "/b2", v("", ""));

    CpusetPlan plan = CpusetPlanner.plan(tree, Map.of(), TOP);

    assertThat(plan.writes())
        .extracting(CgroupWrite::toString)
        .containsExactly(POD_B + "/b2 CPUS=0-7", POD_B + "/b2 MEMS=0-1");
  }

  @Test
  void movingAnExclusiveContainerBetweenNumaNodesKeepsEveryStepValid() {
    CgroupTree tree = allOnEverything();
    CpusetV1Model kernel = new CpusetV1Model(tree, TOP);
    kernel.apply(
        CpusetPlanner.plan(tree, Map.of(POD_A + "/a1", v("0-1", "0")), v("2-7", "0-1")).writes());

    CgroupTree placed = CgroupTree.of(ROOT, kernel.state());
    kernel.apply(
        CpusetPlanner.plan(placed, Map.of(POD_B + "/b1", v("6-7", "1")), v("0-5", "0-1")).writes());

    assertThat(kernel.state().get(POD_B + "/b1")).isEqualTo(v("6-7", "1"));
    assertThat(kernel.state().get(POD_A + "/a1")).isEqualTo(v("0-5", "0-1"));
    assertThat(kernel.state().get(ROOT)).isEqualTo(v("0-7", "0-1"));
  }

  @Test
  void pinsApplyToTheWholeSubtree() {
    CgroupTree tree = allOnEverything().with(POD_A + "/a1/init", TOP);

    CpusetPlan plan = CpusetPlanner.plan(tree, Map.of(POD_A + "/a1", v("7", "1")), v("0-6", "0"));

    assertThat(plan.desired().get(POD_A + "/a1/init")).isEqualTo(v("7", "1"));
  }

  @Test
  void anEmptySharedPoolIsRefusedBeforeAnyWrite() {
    assertThatThrownBy(() -> CpusetPlanner.plan(allOnEverything(), Map.of(), v("", "0")))
        .hasMessageContaining("would get an empty cpuset");
  }

  /** Random trees, random starting cpusets and random pins: every step is valid, the end exact. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
  void everyPlanIsValidUnderTheV1RulesAndReachesTheDesiredState(long seed) {
    Random random = new Random(seed);
    for (int round = 0; round < 50; round++) {
      CgroupTree tree = randomConsistentTree(random);
      Map<String, CpusetValue> pinned = new HashMap<>();
      CpuSet exclusive = CpuSet.empty();
      for (String path : tree.preOrder()) {
        if (tree.children(path).isEmpty() && random.nextInt(3) == 0) {
          CpuSet cpus = CpuSet.of(random.nextInt(8)).minus(exclusive);
          if (!cpus.isEmpty() && exclusive.size() < 6) {
            pinned.put(path, new CpusetValue(cpus, CpuSet.of(cpus.first() / 4)));
            exclusive = exclusive.union(cpus);
          }
        }
      }
      CpusetValue shared = new CpusetValue(TOP.cpus().minus(exclusive), TOP.mems());
      CpusetPlan plan = CpusetPlanner.plan(tree, pinned, shared);
      CpusetV1Model kernel = new CpusetV1Model(tree, TOP);

      kernel.apply(plan.writes());

      assertThat(kernel.state()).isEqualTo(plan.desired());
      assertThat(CpusetPlanner.plan(CgroupTree.of(ROOT, kernel.state()), pinned, shared).isEmpty())
          .isTrue();
      assertThat(plan.writes().size()).isLessThanOrEqualTo(4 * tree.size());
    }
  }

  /** A tree whose values already satisfy the v1 rules, as a real kernel's would. */
  private static CgroupTree randomConsistentTree(Random random) {
    Map<String, CpusetValue> values = new LinkedHashMap<>();
    values.put(ROOT, randomSubset(random, TOP));
    int pods = 1 + random.nextInt(4);
    for (int p = 0; p < pods; p++) {
      String pod = ROOT + "/pod" + p;
      values.put(pod, randomSubset(random, values.get(ROOT)));
      int containers = random.nextInt(4);
      for (int c = 0; c < containers; c++) {
        values.put(pod + "/c" + c, randomSubset(random, values.get(pod)));
      }
    }
    return CgroupTree.of(ROOT, values);
  }

  private static CpusetValue randomSubset(Random random, CpusetValue of) {
    if (random.nextInt(5) == 0) {
      return new CpusetValue(CpuSet.empty(), CpuSet.empty()); // a freshly created v1 cgroup
    }
    CpuSet cpus = CpuSet.empty();
    for (int cpu : of.cpus().toList()) {
      if (random.nextBoolean()) {
        cpus = cpus.with(cpu);
      }
    }
    CpuSet mems = of.mems().isEmpty() ? CpuSet.empty() : CpuSet.of(of.mems().first());
    return new CpusetValue(cpus.isEmpty() ? of.cpus() : cpus, mems);
  }
}
