package io.isocore.agent.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.isocore.agent.cgroup.QosClass;
import io.isocore.agent.cgroup.ThreadAffinityReader;
import io.isocore.agent.enforce.AllocationEnforcer;
import io.isocore.agent.enforce.CoreAllocationReconciler;
import io.isocore.agent.enforce.DesiredAllocation;
import io.isocore.agent.enforce.DesiredContainer;
import io.isocore.agent.enforce.DesiredNode;
import io.isocore.agent.enforce.HugepageRequest;
import io.isocore.agent.enforce.NodeCpus;
import io.isocore.agent.enforce.NodeHugepages;
import io.isocore.agent.events.AgentEvents;
import io.isocore.agent.profile.NodeProfile;
import io.isocore.core.alloc.NumaPolicy;
import io.isocore.core.alloc.SmtPolicy;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.enforce.UnallocatedIsolatedPolicy;
import io.isocore.core.profile.ProbeSchedule;
import io.isocore.core.profile.ProfileRules;
import io.isocore.core.topology.HugepageSize;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The standard enforcement node: 8 CPUs on two NUMA nodes (0-3, 4-7), CPUs 4-7 isolated and kept
 * idle when free, and three pods: {@code lat} (burstable, an isocore pod: container {@code app}
 * exclusive on 4-5 with 4 MiB of 2 MiB hugepages from NUMA node 1, container {@code side} on the
 * shared pool with weight 300), {@code web} (best-effort, not isocore's) and {@code db}
 * (guaranteed, not isocore's).
 */
public final class EnforcementFixture {

  /** The lat pod's UID. */
  public static final String LAT_UID = "1111aaaa-0000-4000-8000-000000000001";

  /** A second isocore pod's UID, for tests that need two. */
  public static final String LAT2_UID = "2222bbbb-0000-4000-8000-000000000002";

  public final String latUid;
  public final FakeCgroupTree tree;
  public final SimulatedKernel kernel;
  public final String app;
  public final String side;
  public final String latPod;
  public final String web;
  public final String db;

  /** Builds the node under {@code dir}. */
  public EnforcementFixture(Path dir, FakeCgroupTree.Layout layout) {
    this(dir, layout, LAT_UID);
  }

  /** Builds the node under {@code dir}, the lat pod having UID {@code latUid}. */
  public EnforcementFixture(Path dir, FakeCgroupTree.Layout layout, String latUid) {
    this.latUid = latUid;
    tree = new FakeCgroupTree(dir, layout, CpuSet.parse("0-7"), CpuSet.parse("0-1"));
    app = tree.addContainer(latUid, QosClass.BURSTABLE, "app0001", 1);
    side = tree.addContainer(latUid, QosClass.BURSTABLE, "side0001", 1);
    latPod = tree.addPod(latUid, QosClass.BURSTABLE);
    web =
        tree.addContainer(
            "3333cccc-0000-4000-8000-000000000003", QosClass.BEST_EFFORT, "web0001", 2);
    db =
        tree.addContainer("4444dddd-0000-4000-8000-000000000004", QosClass.GUARANTEED, "db0001", 1);
    tree.setFreeHugepages(1, HugepageSize.TWO_MI, 8);
    kernel = new SimulatedKernel(tree);
  }

  /**
   * The agent's allocation reconciler on node-1 against {@code client} (the mock API), enforcing
   * through {@link #enforcer()} on {@link #cpus()}, with Events written at once.
   */
  public CoreAllocationReconciler reconciler(
      KubernetesClient client, NodeProfile profile, Clock clock) {
    return new CoreAllocationReconciler(
        client,
        "node-1",
        new ClientSideNodeObjects(client, "node-1"),
        enforcer(),
        explicit -> cpus(),
        profile,
        AgentEvents.synchronous(client, "node-1", clock),
        clock);
  }

  /** Returns an enforcer over the simulated kernel, as a freshly started agent has. */
  public AllocationEnforcer enforcer() {
    return new AllocationEnforcer(
        kernel,
        new ThreadAffinityReader(tree.proc()),
        new NodeHugepages(tree.host()),
        Optional.empty());
  }

  /** The node facts. */
  public static NodeCpus cpus() {
    return new NodeCpus(
        CpuSet.parse("0-7"),
        CpuSet.parse("0-1"),
        CpuSet.parse("4-7"),
        Map.of(0, CpuSet.parse("0-3"), 1, CpuSet.parse("4-7")));
  }

  /** The lat pod's allocation. */
  public DesiredAllocation lat() {
    return new DesiredAllocation(
        "team-a/lat",
        1,
        latUid,
        Optional.of(QosClass.BURSTABLE),
        1,
        List.of(
            new DesiredContainer(
                "app",
                Optional.of(tree.containerId("app0001")),
                true,
                CpuSet.parse("4-5"),
                OptionalInt.empty(),
                List.of(new HugepageRequest(HugepageSize.TWO_MI, 4L << 20, 1))),
            new DesiredContainer(
                "side",
                Optional.of(tree.containerId("side0001")),
                false,
                CpuSet.empty(),
                OptionalInt.of(300),
                List.of())));
  }

  /** A node with the given allocations under the default (idle) policy. */
  public static DesiredNode node(DesiredAllocation... allocations) {
    return new DesiredNode(cpus(), Optional.of(rules()), new ArrayList<>(List.of(allocations)));
  }

  /** The profile of the fixture node: reserved 0-1, idle isolated CPUs, no IRQ steering. */
  public static ProfileRules rules() {
    return new ProfileRules(
        CpuSet.parse("0-1"),
        Optional.empty(),
        SmtPolicy.FULL_CORES,
        NumaPolicy.SINGLE_NODE_REQUIRED,
        UnallocatedIsolatedPolicy.IDLE,
        false,
        ProbeSchedule.DEFAULTS,
        OptionalLong.empty());
  }

  /**
   * The lat pod's status as the kubelet reports it once running: Burstable, its two containers with
   * the IDs of this fixture's tree ({@code app0001}, {@code side0001}).
   */
  public io.fabric8.kubernetes.api.model.PodStatus latRunning() {
    return new io.fabric8.kubernetes.api.model.PodStatusBuilder()
        .withPhase("Running")
        .withQosClass("Burstable")
        .addNewContainerStatus()
        .withName("app")
        .withContainerID(tree.containerId("app0001"))
        .endContainerStatus()
        .addNewContainerStatus()
        .withName("side")
        .withContainerID(tree.containerId("side0001"))
        .endContainerStatus()
        .build();
  }
}
