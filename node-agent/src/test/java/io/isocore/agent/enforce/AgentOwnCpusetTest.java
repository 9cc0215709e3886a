package io.isocore.agent.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.agent.cgroup.CgroupDriver;
import io.isocore.agent.cgroup.CgroupHierarchy;
import io.isocore.agent.cgroup.CgroupVersion;
import io.isocore.agent.cgroup.QosClass;
import io.isocore.agent.cgroup.ThreadAffinityReader;
import io.isocore.agent.testing.EnforcementFixture;
import io.isocore.agent.testing.FakeCgroupTree;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.enforce.UnallocatedIsolatedPolicy;
import io.isocore.core.profile.ProfileRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * cgroup v2 (fixture trees only: this development machine has a v1 cpuset hierarchy): the agent's
 * own container cgroup, found from its {@code /proc/self/cgroup} and membership, gets the shared
 * pool plus the idle isolated CPUs the probe measures, its ancestors too, and no other cgroup gets
 * them; the pass stays idempotent; an allocation taking one of those CPUs takes it from the agent;
 * v1 and an agent outside kubepods are left as they were.
 */
class AgentOwnCpusetTest {

  private static final String AGENT_UID = "5555eeee-0000-4000-8000-000000000005";

  @TempDir Path dir;

  private EnforcementFixture f;
  private String agent;
  private String pause;
  private long agentPid;
  private AgentOwnCpuset own;
  private AllocationEnforcer enforcer;
  private final List<CpuSet> confined = new ArrayList<>();

  private void node(CgroupDriver driver, String procSelf) throws Exception {
    node(driver, procSelf, true);
  }

  /** The node's fixture (unless {@code fresh} is false: the same tree), the agent, its enforcer. */
  private void node(CgroupDriver driver, String procSelf, boolean fresh) throws Exception {
    if (fresh) {
      f =
          new EnforcementFixture(
              dir, new FakeCgroupTree.Layout(CgroupVersion.V2, driver, "containerd"));
      agent = f.tree.addContainer(AGENT_UID, QosClass.BURSTABLE, "agent0001", 1);
      pause = f.tree.addContainer(AGENT_UID, QosClass.BURSTABLE, "pause0001", 1);
    }
    agentPid = Long.parseLong(Files.readString(cgroupFile(agent, "cgroup.procs")).strip());
    CgroupHierarchy hierarchy = new CgroupHierarchy(CgroupVersion.V2, f.tree.cgroupRoot());
    own =
        AgentOwnCpuset.of(
                hierarchy,
                f.kernel,
                true,
                procSelf.replace("AGENT", agent),
                agentPid,
                confined::add)
            .orElseThrow();
    enforcer =
        new AllocationEnforcer(
            own.adapter(),
            new ThreadAffinityReader(f.tree.proc()),
            new NodeHugepages(f.tree.host()),
            Optional.empty());
  }

  private Path cgroupFile(String cgroup, String file) {
    return f.tree.cgroupRoot().resolve(cgroup).resolve(file);
  }

  /** One pass as the reconciler and the service run it. */
  private EnforcementReport pass(DesiredNode node) {
    own.beforeEnforce(node.requestedHeld());
    EnforcementReport report = enforcer.reconcile(node);
    own.enforced(node, report);
    own.afterPass();
    return report;
  }

  private String cpus(String cgroup) {
    return f.tree.read(cgroup, "cpuset.cpus");
  }

  @ParameterizedTest
  @EnumSource(CgroupDriver.class)
  void theAgentsContainerAloneGetsTheIdleIsolatedCpusAndTheNextPassWritesNothing(
      CgroupDriver driver) throws Exception {
    // A private cgroup namespace: /proc/self/cgroup names no path; membership finds it.
    node(driver, "0::/\n");

    pass(EnforcementFixture.node(f.lat()));

    assertThat(own.current().cgroup()).isEqualTo(agent);
    assertThat(cpus(agent)).isEqualTo("0-3,6-7");
    assertThat(cpus(pause)).as("its pod's other container: the shared pool").isEqualTo("0-3");
    for (String other : new String[] {f.side, f.web, f.db}) {
      assertThat(cpus(other)).as(other).isEqualTo("0-3");
    }
    assertThat(cpus(f.app)).isEqualTo("4-5");
    assertThat(cpus(CgroupPaths.parent(agent))).isEqualTo("0-3,6-7");
    assertThat(confined).last().isEqualTo(CpuSet.parse("6-7"));

    EnforcementReport again = pass(EnforcementFixture.node(f.lat()));

    assertThat(again.writes()).as("a node that matches: zero writes").isZero();
    assertThat(again.driftedCgroups()).isEmpty();
    assertThat(cpus(agent)).isEqualTo("0-3,6-7");
    assertThat(cpus(f.web)).isEqualTo("0-3");
  }

  @Test
  void aRestartedAgentThatReadsThePassFactsFirstWritesNothingOnItsFirstPass() throws Exception {
    node(CgroupDriver.SYSTEMD, "0::/\n");
    pass(EnforcementFixture.node(f.lat()));
    assertThat(cpus(agent)).isEqualTo("0-3,6-7");

    // A new agent process: no memory of the last pass, the profile and CPUs read before it writes.
    node(CgroupDriver.SYSTEMD, "0::/\n", false);
    own.readingBeforeEachPass(
        new AgentOwnCpuset.Facts() {
          @Override
          public Optional<ProfileRules> rules() {
            return Optional.of(EnforcementFixture.rules());
          }

          @Override
          public CpuSet isolated(Optional<ProfileRules> rules) {
            return EnforcementFixture.cpus().isolated();
          }
        });
    EnforcementReport first = pass(EnforcementFixture.node(f.lat()));

    assertThat(first.writes()).as("the running containers are not disturbed").isZero();
    assertThat(cpus(agent)).isEqualTo("0-3,6-7");
  }

  @Test
  void anAllocationTakingAProbedCpuTakesItFromTheAgentInTheSamePass() throws Exception {
    node(CgroupDriver.SYSTEMD, "0::/AGENT\n");
    Files.writeString(cgroupFile(agent, "cgroup.threads"), agentPid + "\n");
    pass(EnforcementFixture.node(f.lat()));
    assertThat(cpus(agent)).isEqualTo("0-3,6-7");
    String other =
        f.tree.addContainer(EnforcementFixture.LAT2_UID, QosClass.BURSTABLE, "hot0001", 1);
    DesiredAllocation second =
        new DesiredAllocation(
            "team-a/hot",
            1,
            EnforcementFixture.LAT2_UID,
            Optional.of(QosClass.BURSTABLE),
            1,
            List.of(
                new DesiredContainer(
                    "hot",
                    Optional.of(f.tree.containerId("hot0001")),
                    true,
                    CpuSet.of(6),
                    OptionalInt.empty(),
                    List.of())));

    EnforcementReport report = pass(EnforcementFixture.node(f.lat(), second));

    assertThat(report.results()).allMatch(r -> r instanceof AllocationResult.Applied, "applied");
    assertThat(cpus(other)).isEqualTo("6");
    assertThat(cpus(agent)).isEqualTo("0-3,7");
    assertThat(cpus(pause)).isEqualTo("0-3");

    pass(EnforcementFixture.node(f.lat()));
    assertThat(cpus(agent)).as("released: the agent probes it again").isEqualTo("0-3,6-7");
  }

  @Test
  void underTheSharedPolicyNothingIsAddedTheSharedPoolHasThemAlready() throws Exception {
    node(CgroupDriver.CGROUPFS, "0::/\n");
    ProfileRules r = EnforcementFixture.rules();
    ProfileRules shared =
        new ProfileRules(
            r.reserved(),
            r.explicitIsolated(),
            r.smt(),
            r.numa(),
            UnallocatedIsolatedPolicy.SHARED,
            r.irqSteering(),
            r.probe(),
            r.quarantineNanos());
    DesiredNode node =
        new DesiredNode(
            EnforcementFixture.cpus(), Optional.of(shared), new ArrayList<>(List.of(f.lat())));

    pass(node);
    EnforcementReport again = pass(node);

    assertThat(own.current().extra()).isEqualTo(CpuSet.empty());
    assertThat(cpus(agent)).isEqualTo("0-3,6-7");
    assertThat(cpus(pause)).isEqualTo("0-3,6-7");
    assertThat(again.writes()).isZero();
  }

  @Test
  void onV1OrOutsideKubepodsTheAgentsCpusetIsLeftAlone() throws Exception {
    Path v1 = Files.createDirectories(dir.resolve("v1"));
    EnforcementFixture v1Node =
        new EnforcementFixture(
            v1, new FakeCgroupTree.Layout(CgroupVersion.V1, CgroupDriver.SYSTEMD, "containerd"));
    assertThat(
            AgentOwnCpuset.of(
                new CgroupHierarchy(CgroupVersion.V1, v1Node.tree.cgroupRoot().resolve("cpuset")),
                v1Node.kernel,
                true,
                "4:cpuset:/x\n",
                1,
                confined::add))
        .isEmpty();

    f =
        new EnforcementFixture(
            dir.resolve("v2"),
            new FakeCgroupTree.Layout(CgroupVersion.V2, CgroupDriver.SYSTEMD, "containerd"));
    Path service = f.tree.cgroupRoot().resolve("system.slice");
    Files.writeString(service.resolve("cgroup.threads"), "77\n");
    CgroupHierarchy v2 = new CgroupHierarchy(CgroupVersion.V2, f.tree.cgroupRoot());
    assertThat(AgentOwnCpuset.of(v2, f.kernel, true, "0::/system.slice\n", 77, confined::add))
        .as("an agent run as a host service: not in the enforced tree")
        .isEmpty();
    assertThat(AgentOwnCpuset.of(v2, f.kernel, false, "0::/system.slice\n", 77, confined::add))
        .as("the probe off")
        .isEmpty();
  }

  /** Paths of the fixture tree. */
  private static final class CgroupPaths {
    static String parent(String path) {
      return path.substring(0, path.lastIndexOf('/'));
    }
  }
}
