package io.isocore.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isocore.agent.cgroup.AgentCpusetCgroups;
import io.isocore.agent.cgroup.CgroupDriver;
import io.isocore.agent.cgroup.CgroupHierarchy;
import io.isocore.agent.cgroup.CgroupVersion;
import io.isocore.agent.cgroup.CpusetCgroups;
import io.isocore.agent.cgroup.ProbeCgroup;
import io.isocore.agent.cgroup.QosClass;
import io.isocore.agent.cgroup.ThreadAffinityReader;
import io.isocore.agent.enforce.AllocationEnforcer;
import io.isocore.agent.enforce.NodeHugepages;
import io.isocore.agent.testing.EnforcementFixture;
import io.isocore.agent.testing.FakeCgroupTree;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.enforce.AgentCpuset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployed shape on cgroup v2, on a fixture tree (this machine has no v2 cpuset hierarchy): the
 * agent is a container of the kubepods tree, enforced by its own enforcer. With the plain adapter
 * its container gets the shared pool and the probe cannot reach CPU 6; with its own cpuset widened
 * ({@link AgentCpusetCgroups}) the probe thread pins to CPU 6 by affinity alone, every other thread
 * stays on the shared pool, and no probe cgroup is made.
 */
class AgentCpusetProbeTest {

  private static final String AGENT_UID = "5555eeee-0000-4000-8000-000000000005";

  @TempDir Path dir;

  private final CgroupPinningTest.FakeThreads threads = new CgroupPinningTest.FakeThreads();

  private CgroupPinning agentIn(EnforcementFixture f, CpusetCgroups adapter, String agent)
      throws Exception {
    new AllocationEnforcer(
            adapter,
            new ThreadAffinityReader(f.tree.proc()),
            new NodeHugepages(f.tree.host()),
            Optional.empty())
        .reconcile(EnforcementFixture.node(f.lat()));
    Path home = f.tree.cgroupRoot().resolve(agent);
    Files.writeString(home.resolve("cgroup.threads"), "100\n101\n");
    CpuSet cpus = CpuSet.parse(Files.readString(home.resolve("cpuset.cpus.effective")).strip());
    threads.affinity.put(100L, cpus);
    threads.affinity.put(101L, cpus);
    threads.cgroupText = "0::/" + agent + "\n";
    return new CgroupPinning(new CgroupHierarchy(CgroupVersion.V2, f.tree.cgroupRoot()), threads);
  }

  @Test
  void withItsOwnCpusetWidenedTheProbeThreadAloneReachesTheIdleIsolatedCpu() throws Exception {
    EnforcementFixture f =
        new EnforcementFixture(
            dir, new FakeCgroupTree.Layout(CgroupVersion.V2, CgroupDriver.SYSTEMD, "containerd"));
    String agent = f.tree.addContainer(AGENT_UID, QosClass.BURSTABLE, "agent0001", 1);
    AgentCpusetCgroups own = new AgentCpusetCgroups(f.kernel);
    own.set(new AgentCpuset(f.tree.kubepods(), agent, CpuSet.parse("6-7")));
    CgroupPinning pinning = agentIn(f, own.adapter(), agent);

    pinning.confineOthers(CpuSet.parse("4-7"));
    pinning.pin(CpuSet.of(6));

    assertThat(threads.affinity)
        .containsEntry(100L, CpuSet.parse("0-3"))
        .containsEntry(101L, CpuSet.of(6));
    assertThat(f.tree.cgroupRoot().resolve(ProbeCgroup.NAME)).doesNotExist();
    pinning.unpin(CpuSet.parse("0-3"));
    assertThat(threads.affinity).containsEntry(101L, CpuSet.parse("0-3"));
  }

  @Test
  void withThePlainAdapterTheAgentHasTheSharedPoolAndTheProbeSaysWhy() throws Exception {
    EnforcementFixture f =
        new EnforcementFixture(
            dir, new FakeCgroupTree.Layout(CgroupVersion.V2, CgroupDriver.CGROUPFS, "containerd"));
    String agent = f.tree.addContainer(AGENT_UID, QosClass.BURSTABLE, "agent0001", 1);
    CgroupPinning pinning = agentIn(f, f.kernel, agent);

    assertThatThrownBy(() -> pinning.pin(CpuSet.of(6)))
        .isInstanceOf(AffinityException.class)
        .hasMessageContaining("cpuset 0-3 does not include CPU 6");
  }
}
