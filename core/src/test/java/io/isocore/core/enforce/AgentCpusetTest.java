package io.isocore.core.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.core.cpu.CpuSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The agent's own container cpuset on cgroup v2: which cgroups get the probe's CPUs, and how. */
class AgentCpusetTest {

  private static final String ROOT = "kubepods.slice";
  private static final String POD =
      ROOT + "/kubepods-burstable.slice/kubepods-burstable-podA.slice";
  private static final String AGENT = POD + "/cri-containerd-abc.scope";
  private static final String PAUSE = POD + "/cri-containerd-pause.scope";
  private final AgentCpuset own = new AgentCpuset(ROOT, AGENT, CpuSet.parse("6-7"));

  @Test
  void theProbeCpusAreTheIdleIsolatedOnesOnV2Only() {
    CpuSet isolated = CpuSet.parse("4-7");
    CpuSet held = CpuSet.parse("4-5");
    CpuSet shared = CpuSet.parse("0-3");
    assertThat(AgentCpuset.probeCpus(true, true, isolated, held, shared))
        .isEqualTo(CpuSet.parse("6-7"));
    assertThat(AgentCpuset.probeCpus(false, true, isolated, held, shared))
        .as("v1: the probe thread has its own cgroup")
        .isEqualTo(CpuSet.empty());
    assertThat(AgentCpuset.probeCpus(true, false, isolated, held, shared))
        .isEqualTo(CpuSet.empty());
    assertThat(
            AgentCpuset.probeCpus(
                true, true, isolated, CpuSet.parse("4,6"), CpuSet.parse("0-3,5,7")))
        .as("unallocated isolated CPUs in the shared pool: already the agent's")
        .isEqualTo(CpuSet.empty());
  }

  @Test
  void onlyTheAgentsCgroupAndItsAncestorsUnderTheRootAreWidened() {
    assertThat(own.chain()).containsExactly(ROOT, ROOT + "/kubepods-burstable.slice", POD, AGENT);
    for (String path : own.chain()) {
      assertThat(own.widens(path)).as(path).isTrue();
      assertThat(own.written(path, CpuSet.parse("0-3"))).isEqualTo(CpuSet.parse("0-3,6-7"));
      assertThat(own.observed(path, CpuSet.parse("0-3,6-7"))).isEqualTo(CpuSet.parse("0-3"));
    }
    for (String other :
        new String[] {
          PAUSE,
          ROOT + "/kubepods-besteffort.slice",
          POD + "/cri-containerd-abcdef.scope",
          AGENT + "x",
          "system.slice",
          ""
        }) {
      assertThat(own.widens(other)).as(other).isFalse();
      assertThat(own.written(other, CpuSet.parse("0-3"))).isEqualTo(CpuSet.parse("0-3"));
      assertThat(own.observed(other, CpuSet.parse("0-3,6"))).isEqualTo(CpuSet.parse("0-3,6"));
    }
  }

  @Test
  void nothingIsWidenedWithoutCpusOrOutsideTheRoot() {
    assertThat(AgentCpuset.none().widens(ROOT)).isFalse();
    AgentCpuset outside = new AgentCpuset(ROOT, "system.slice/isocore.service", CpuSet.of(7));
    assertThat(outside.chain()).isEmpty();
    assertThat(outside.widens("system.slice")).isFalse();
    assertThat(outside.widens(ROOT)).isFalse();
    assertThat(new AgentCpuset(ROOT, AGENT, CpuSet.empty()).widens(AGENT)).isFalse();
  }

  @Test
  void topUpAddsTheCpusParentsFirstWhereMissingAndLeavesInheritingCgroupsAlone() {
    Map<String, CpuSet> current =
        Map.of(
            ROOT,
            CpuSet.parse("0-7"),
            ROOT + "/kubepods-burstable.slice",
            CpuSet.parse("0-3"),
            POD,
            CpuSet.empty(),
            AGENT,
            CpuSet.parse("0-3,6"));

    assertThat(own.topUp(current))
        .containsExactly(
            Map.entry(ROOT + "/kubepods-burstable.slice", CpuSet.parse("0-3,6-7")),
            Map.entry(AGENT, CpuSet.parse("0-3,6-7")));
    assertThat(
            own.topUp(
                Map.of(
                    ROOT,
                    CpuSet.parse("0-7"),
                    ROOT + "/kubepods-burstable.slice",
                    CpuSet.parse("0-3,6-7"),
                    POD,
                    CpuSet.parse("0-3,6-7"),
                    AGENT,
                    CpuSet.parse("0-3,6-7"))))
        .as("a node that matches: no write")
        .isEmpty();
  }

  @Test
  void aPlanOverTheObservedTreeWritesTheAgentsChainWithTheCpusAndNobodyElse() {
    // The kernel's tree: the agent's chain already carries 6-7, the pause container does not.
    Map<String, CpusetValue> kernel = new java.util.HashMap<>();
    CpuSet mems = CpuSet.of(0);
    kernel.put(ROOT, new CpusetValue(CpuSet.parse("0-7"), mems));
    kernel.put(ROOT + "/kubepods-burstable.slice", new CpusetValue(CpuSet.parse("0-7"), mems));
    kernel.put(POD, new CpusetValue(CpuSet.parse("0-3,6-7"), mems));
    kernel.put(AGENT, new CpusetValue(CpuSet.parse("0-3,6-7"), mems));
    kernel.put(PAUSE, new CpusetValue(CpuSet.parse("0-7"), mems));
    Map<String, CpusetValue> seen = new java.util.HashMap<>();
    kernel.forEach((p, v) -> seen.put(p, new CpusetValue(own.observed(p, v.cpus()), v.mems())));

    CpusetPlan plan =
        CpusetPlanner.plan(
            CgroupTree.of(ROOT, seen), Map.of(), new CpusetValue(CpuSet.parse("0-3"), mems));

    Map<String, CpuSet> written = new java.util.HashMap<>();
    for (CgroupWrite w : plan.writes()) {
      if (w.file() == CpusetFile.CPUS) {
        written.put(w.cgroup(), own.written(w.cgroup(), w.value()));
      }
    }
    assertThat(written)
        .containsEntry(PAUSE, CpuSet.parse("0-3"))
        .containsEntry(ROOT, CpuSet.parse("0-3,6-7"))
        .containsEntry(ROOT + "/kubepods-burstable.slice", CpuSet.parse("0-3,6-7"))
        .doesNotContainKeys(POD, AGENT);
  }
}
