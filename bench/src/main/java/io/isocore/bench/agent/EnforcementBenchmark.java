package io.isocore.bench.agent;

import io.isocore.agent.cgroup.CgroupDriver;
import io.isocore.agent.cgroup.CgroupVersion;
import io.isocore.agent.cgroup.CpusetCgroups;
import io.isocore.agent.cgroup.QosClass;
import io.isocore.agent.cgroup.ThreadAffinityReader;
import io.isocore.agent.enforce.AllocationEnforcer;
import io.isocore.agent.enforce.AllocationResult;
import io.isocore.agent.enforce.DesiredAllocation;
import io.isocore.agent.enforce.DesiredContainer;
import io.isocore.agent.enforce.DesiredNode;
import io.isocore.agent.enforce.EnforcementReport;
import io.isocore.agent.enforce.NodeCpus;
import io.isocore.agent.enforce.NodeHugepages;
import io.isocore.agent.testing.EnforcementFixture;
import io.isocore.agent.testing.FakeCgroupTree;
import io.isocore.agent.testing.SimulatedKernel;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.profile.ProfileRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reconciling a node of 200 containers (100 pods, 15 of them isocore pods with an exclusive and a
 * shared container) after one new allocation, and with nothing changed. Run with {@code bench/run
 * enforcement [iterations] [plain,simulated]}.
 *
 * <p>Each layout runs twice: through the plain adapter (the agent's own cost: scan, plan, writes,
 * read-back; the fixture's effective files are not updated, so verification reports mismatches but
 * reads the same files), and through {@link SimulatedKernel}, which also rewrites effective files
 * and thread status files after every write, as the kernel would (an upper bound).
 */
public final class EnforcementBenchmark {

  private static final CpuSet ONLINE = CpuSet.parse("0-63");

  public static void main(String[] args) throws Exception {
    int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    String modes = args.length > 1 ? args[1] : "plain,simulated";
    System.out.printf(
        Locale.ROOT,
        "%-28s %-10s %9s %9s %9s %10s %8s %13s %9s%n",
        "layout",
        "adapter",
        "p50 ms",
        "p99 ms",
        "max ms",
        "cpu p50 ms",
        "writes",
        "steady p50 ms",
        "steady w");
    for (FakeCgroupTree.Layout layout :
        List.of(
            new FakeCgroupTree.Layout(CgroupVersion.V1, CgroupDriver.CGROUPFS, "containerd"),
            new FakeCgroupTree.Layout(CgroupVersion.V2, CgroupDriver.SYSTEMD, "cri-o"))) {
      for (boolean simulated : new boolean[] {false, true}) {
        if (modes.contains(simulated ? "simulated" : "plain")) {
          run(layout, simulated, iterations);
        }
      }
    }
  }

  // One long method on purpose: the benchmark reads as a script (tree, pods, passes, report).
  private static void run(FakeCgroupTree.Layout layout, boolean simulated, int iterations)
      throws Exception {
    // tmpfs when there is one: the kernel's cgroupfs is memory-backed too.
    Path shm = Path.of("/dev/shm");
    Path dir =
        Files.isDirectory(shm) && Files.isWritable(shm)
            ? Files.createTempDirectory(shm, "isocore-bench")
            : Files.createTempDirectory("isocore-bench");
    FakeCgroupTree tree = new FakeCgroupTree(dir, layout, ONLINE, CpuSet.parse("0-1"));
    List<DesiredAllocation> allocations = new ArrayList<>();
    for (int pod = 0; pod < 100; pod++) {
      String uid = String.format(Locale.ROOT, "%08x-0000-4000-8000-%012x", pod, pod);
      QosClass qos = QosClass.values()[pod % 3];
      tree.addContainer(uid, qos, "main" + pod, 1);
      tree.addContainer(uid, qos, "side" + pod, 1);
      if (pod < 15) {
        int cpu = 32 + 2 * pod;
        allocations.add(
            new DesiredAllocation(
                "bench/pod" + pod,
                1,
                uid,
                Optional.of(qos),
                1,
                List.of(
                    new DesiredContainer(
                        "main",
                        Optional.of(tree.containerId("main" + pod)),
                        true,
                        CpuSet.range(cpu, cpu + 1),
                        OptionalInt.empty(),
                        List.of()),
                    new DesiredContainer(
                        "side",
                        Optional.of(tree.containerId("side" + pod)),
                        false,
                        CpuSet.empty(),
                        OptionalInt.of(100 + pod),
                        List.of()))));
      }
    }
    CpusetCgroups cgroups = simulated ? new SimulatedKernel(tree) : tree.adapter();
    AllocationEnforcer enforcer =
        new AllocationEnforcer(
            cgroups,
            new ThreadAffinityReader(tree.proc()),
            new NodeHugepages(tree.host()),
            Optional.empty());
    NodeCpus cpus =
        new NodeCpus(
            ONLINE,
            CpuSet.parse("0-1"),
            CpuSet.parse("32-63"),
            Map.of(0, CpuSet.parse("0-31"), 1, CpuSet.parse("32-63")));
    Optional<ProfileRules> policy = Optional.of(EnforcementFixture.rules());
    DesiredNode without = new DesiredNode(cpus, policy, allocations.subList(0, 14));
    DesiredNode with = new DesiredNode(cpus, policy, allocations);
    enforcer.reconcile(without);

    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    double[] addMs = new double[iterations];
    double[] addCpuMs = new double[iterations];
    double[] steadyMs = new double[iterations];
    long addWrites = 0;
    long steadyWrites = 0;
    for (int i = -iterations / 5; i < iterations; i++) {
      long c0 = mx.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      EnforcementReport added = enforcer.reconcile(with);
      long t1 = System.nanoTime();
      long c1 = mx.getCurrentThreadCpuTime();
      EnforcementReport steady = enforcer.reconcile(with);
      long t2 = System.nanoTime();
      enforcer.reconcile(without);
      if (i >= 0) {
        addMs[i] = (t1 - t0) / 1e6;
        addCpuMs[i] = (c1 - c0) / 1e6;
        steadyMs[i] = (t2 - t1) / 1e6;
        addWrites = added.writes();
        steadyWrites = Math.max(steadyWrites, steady.writes());
        if (simulated
            && !(added.result("bench/pod14").orElseThrow() instanceof AllocationResult.Applied)) {
          throw new AssertionError("not applied: " + added.result("bench/pod14"));
        }
      }
    }
    Arrays.sort(addMs);
    Arrays.sort(addCpuMs);
    Arrays.sort(steadyMs);
    System.out.printf(
        Locale.ROOT,
        "%-28s %-10s %9.2f %9.2f %9.2f %10.2f %8d %13.2f %9d%n",
        layout,
        simulated ? "simulated" : "plain",
        addMs[iterations / 2],
        addMs[(int) (iterations * 0.99)],
        addMs[iterations - 1],
        addCpuMs[iterations / 2],
        addWrites,
        steadyMs[iterations / 2],
        steadyWrites);
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
