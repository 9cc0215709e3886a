package io.isocore.agent.enforce;

import io.isocore.agent.cgroup.CgroupAccessException;
import io.isocore.agent.cgroup.CgroupTreeScanner;
import io.isocore.agent.cgroup.ContainerCgroupLocator;
import io.isocore.agent.cgroup.CpusetCgroups;
import io.isocore.agent.cgroup.PartitionSupport;
import io.isocore.agent.cgroup.ThreadAffinityReader;
import io.isocore.agent.enforce.AllocationVerifier.Located;
import io.isocore.agent.irq.IrqAffinity;
import io.isocore.agent.irq.IrqSteering;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.enforce.CgroupTree;
import io.isocore.core.enforce.CpuPools;
import io.isocore.core.enforce.CpusetPlan;
import io.isocore.core.enforce.CpusetPlanner;
import io.isocore.core.enforce.CpusetValue;
import io.isocore.core.enforce.ExclusiveGrant;
import io.isocore.core.enforce.GrantCheck;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Level-triggered enforcement of a node's allocations: observe the kubepods cpuset tree, plan with
 * {@link CpusetPlanner}, write, set weights and hugetlb limits, verify, steer IRQs.
 *
 * <p>One instance per node and per agent process; it remembers what it left each cgroup at, so a
 * later pass that finds a different value reports drift (a runtime or the kubelet rewrote it) and
 * repairs it. A fresh instance (a restarted agent) that finds everything in place writes nothing
 * and reports the allocations as adopted. Not thread-safe: one reconcile at a time.
 */
public final class AllocationEnforcer {

  private final CpusetCgroups cgroups;
  private final ContainerCgroupLocator locator;
  private final CgroupTreeScanner scanner;
  private final AllocationVerifier verifier;
  private final CpusetPlanApplier applier;
  private final Optional<IrqAffinity> irq;
  private Map<String, CpusetValue> lastApplied = Map.of();
  private boolean partitionReported;

  /**
   * Creates an enforcer.
   *
   * @param cgroups the cpuset adapter of the node's cgroup version
   * @param threads reads thread affinities under /proc
   * @param hugepages reads free hugepages per NUMA node
   * @param irq IRQ steering, when the agent may touch /proc/irq
   */
  public AllocationEnforcer(
      CpusetCgroups cgroups,
      ThreadAffinityReader threads,
      NodeHugepages hugepages,
      Optional<IrqAffinity> irq) {
    this.cgroups = cgroups;
    this.locator = new ContainerCgroupLocator(cgroups);
    this.scanner = new CgroupTreeScanner(cgroups);
    this.verifier = new AllocationVerifier(cgroups, threads, hugepages);
    this.irq = irq;
    this.applier = new CpusetPlanApplier(cgroups);
  }

  /** Runs one pass. Never throws for a single allocation's problem: it becomes its result. */
  public EnforcementReport reconcile(DesiredNode node) {
    long writesBefore = cgroups.writes();
    List<String> warnings = new ArrayList<>();
    Map<String, AllocationResult> results = new LinkedHashMap<>();

    GrantCheck grants = checkGrants(node);
    CpuSet exclusive = CpuSet.empty();
    for (ExclusiveGrant grant : grants.accepted()) {
      exclusive = exclusive.union(grant.cpus());
    }
    CpuPools pools =
        CpuPools.compute(
            node.cpus().online(), exclusive, node.cpus().isolated(), node.policy().unallocated());

    Optional<String> kubepods = locator.kubepods();
    if (kubepods.isEmpty()) {
      String reason =
          "no kubepods cgroup under "
              + cgroups.cpusetDir("")
              + " (neither kubepods.slice nor kubepods)";
      node.allocations()
          .forEach(
              a ->
                  results.put(
                      a.key(),
                      new AllocationResult.Failed(a.key(), a.generation(), reason, List.of())));
      return new EnforcementReport(
          List.copyOf(results.values()), pools, 0, List.of(), List.of(reason), Optional.empty());
    }

    // Locate containers; pin exclusive ones, and leave rejected allocations' containers alone.
    Map<String, List<Located>> located = new HashMap<>();
    Map<String, CpusetValue> pinned = new HashMap<>();
    CpusetValue shared = new CpusetValue(pools.shared(), node.cpus().memoryNodes());
    CgroupTree observed;
    try {
      observed = scanner.scan(kubepods.get());
    } catch (CgroupAccessException e) {
      String reason = "reading the cpuset tree failed: " + e.getMessage();
      node.allocations()
          .forEach(
              a ->
                  results.put(
                      a.key(),
                      new AllocationResult.Failed(a.key(), a.generation(), reason, List.of())));
      return new EnforcementReport(
          List.copyOf(results.values()), pools, 0, List.of(), List.of(reason), Optional.empty());
    }
    for (DesiredAllocation allocation : node.allocations()) {
      List<Located> found = new ArrayList<>();
      List<String> missing = new ArrayList<>();
      for (DesiredContainer container : allocation.containers()) {
        Optional<String> cgroup =
            container
                .containerId()
                .flatMap(id -> locator.locate(allocation.podUid(), allocation.qos(), id));
        if (cgroup.isPresent() && observed.contains(cgroup.get())) {
          found.add(new Located(container, cgroup.get()));
        } else {
          missing.add(container.name());
        }
      }
      located.put(allocation.key(), found);
      String rejected = grants.rejected().get(allocation.key());
      for (Located l : found) {
        if (rejected != null) {
          CpuSet keep = observed.value(l.cgroup()).orElseThrow().cpus().minus(pools.exclusive());
          CpusetValue now = observed.value(l.cgroup()).orElseThrow();
          pinned.put(
              l.cgroup(),
              keep.isEmpty() || now.mems().isEmpty() ? shared : new CpusetValue(keep, now.mems()));
        } else if (l.container().exclusive()) {
          pinned.put(
              l.cgroup(), new CpusetValue(l.container().cpus(), CpuSet.of(allocation.numaNode())));
        }
      }
      if (rejected != null) {
        results.put(
            allocation.key(),
            new AllocationResult.Failed(
                allocation.key(), allocation.generation(), rejected, List.of()));
      } else if (!missing.isEmpty()) {
        results.put(
            allocation.key(),
            new AllocationResult.Waiting(
                allocation.key(),
                allocation.generation(),
                "containers "
                    + missing
                    + " have no cgroup yet under "
                    + kubepods.get()
                    + "; retrying"));
      }
    }

    CpusetPlan plan;
    try {
      plan = CpusetPlanner.plan(observed, pinned, shared);
    } catch (IllegalArgumentException e) {
      String reason =
          "nothing written: " + e.getMessage() + " (shared pool " + pools.shared() + ")";
      for (DesiredAllocation a : node.allocations()) {
        results.putIfAbsent(
            a.key(), new AllocationResult.Failed(a.key(), a.generation(), reason, List.of()));
      }
      return new EnforcementReport(
          List.copyOf(results.values()), pools, 0, List.of(), List.of(reason), Optional.empty());
    }

    List<String> drifted = new ArrayList<>();
    for (Map.Entry<String, CpusetValue> e : lastApplied.entrySet()) {
      observed
          .value(e.getKey())
          .filter(v -> !v.equals(e.getValue()))
          .ifPresent(v -> drifted.add(e.getKey()));
    }

    CpusetPlanApplier.Outcome applied = applier.apply(plan);
    Map<String, String> vanished = applied.vanished();
    Map<String, Integer> writesPerCgroup = applied.writesPerCgroup();
    String abort = applied.stopped().orElse(null);
    if (abort != null) {
      warnings.add(abort);
    }

    for (DesiredAllocation allocation : node.allocations()) {
      if (results.containsKey(allocation.key())) {
        continue; // rejected, or waiting for a container: nothing to verify yet
      }
      List<Located> found = located.get(allocation.key());
      String problem = vanishedProblem(found, vanished);
      if (problem == null && abort == null) {
        problem = applyWeightsAndHugepages(found);
      }
      Map<String, CpusetValue> expected = new HashMap<>();
      for (Located l : found) {
        expected.put(l.container().name(), plan.desired().get(l.cgroup()));
      }
      AllocationVerifier.Outcome outcome = verifier.verify(found, expected);
      if (problem == null && outcome.problem().isPresent()) {
        problem = abort != null ? abort : outcome.problem().get();
      }
      if (problem != null) {
        results.put(
            allocation.key(),
            new AllocationResult.Failed(
                allocation.key(), allocation.generation(), problem, outcome.checks()));
        continue;
      }
      List<String> repaired =
          found.stream().map(Located::cgroup).filter(drifted::contains).toList();
      int writes = found.stream().mapToInt(l -> writesPerCgroup.getOrDefault(l.cgroup(), 0)).sum();
      boolean adopted =
          found.stream().noneMatch(l -> lastApplied.containsKey(l.cgroup())) && writes == 0;
      results.put(
          allocation.key(),
          new AllocationResult.Applied(
              allocation.key(),
              allocation.generation(),
              outcome.checks(),
              repaired,
              adopted,
              writes));
    }

    if (abort == null) {
      lastApplied = plan.desired();
    }
    if (!partitionReported) {
      // Reported once per agent: exclusive CPUs stay in load balancing without a partition.
      partitionReported = true;
      PartitionSupport partition = cgroups.partitionSupport(kubepods.get());
      if (!partition.available()) {
        warnings.add("isolated cpuset partitions unavailable: " + partition.detail());
      }
    }
    Optional<IrqSteering> steering = Optional.empty();
    if (node.policy().irqSteering() && irq.isPresent()) {
      try {
        steering = Optional.of(irq.get().steer(pools.exclusive(), pools.shared()));
        warnings.addAll(steering.get().warnings());
      } catch (IOException e) {
        warnings.add("IRQ steering failed: " + e.getMessage());
      }
    }
    List<AllocationResult> ordered = new ArrayList<>();
    node.allocations().forEach(a -> ordered.add(results.get(a.key())));
    return new EnforcementReport(
        ordered,
        pools,
        cgroups.writes() - writesBefore,
        drifted.stream().sorted().toList(),
        warnings,
        steering);
  }

  private static String vanishedProblem(List<Located> found, Map<String, String> vanished) {
    for (Located l : found) {
      for (Map.Entry<String, String> gone : vanished.entrySet()) {
        if (l.cgroup().equals(gone.getKey()) || l.cgroup().startsWith(gone.getKey() + "/")) {
          return "container "
              + l.container().name()
              + " cgroup vanished while being written: "
              + gone.getValue();
        }
      }
    }
    return null;
  }

  private String applyWeightsAndHugepages(List<Located> found) {
    for (Located l : found) {
      DesiredContainer c = l.container();
      try {
        if (!c.exclusive() && c.cpuWeight().isPresent()) {
          long want = cgroups.nativeWeight(c.cpuWeight().getAsInt());
          var have = cgroups.cpuWeight(l.cgroup());
          if (have.isEmpty()) {
            return "container "
                + c.name()
                + ": no CPU weight file for "
                + l.cgroup()
                + " (cpu controller not enabled?)";
          }
          if (have.getAsLong() != want) {
            cgroups.writeCpuWeight(l.cgroup(), want);
          }
        }
        for (HugepageRequest h : c.hugepages()) {
          var have = cgroups.hugetlbLimit(l.cgroup(), h.size());
          if (have.isEmpty()) {
            return "container "
                + c.name()
                + ": no hugetlb "
                + h.size().cgroupName()
                + " limit file for "
                + l.cgroup()
                + " (hugetlb controller not enabled?)";
          }
          if (have.getAsLong() != h.bytes()) {
            cgroups.writeHugetlbLimit(l.cgroup(), h.size(), h.bytes());
          }
        }
      } catch (CgroupAccessException e) {
        return "container " + c.name() + ": " + e.getMessage();
      }
    }
    return null;
  }

  private static GrantCheck checkGrants(DesiredNode node) {
    List<ExclusiveGrant> grants = new ArrayList<>();
    for (DesiredAllocation a : node.allocations()) {
      grants.add(new ExclusiveGrant(a.key(), a.exclusiveCpus(), a.numaNode()));
    }
    // Allocations with only shared containers hold no CPU; check them for online CPUs only.
    List<ExclusiveGrant> withCpus = grants.stream().filter(g -> !g.cpus().isEmpty()).toList();
    return GrantCheck.of(
        withCpus, node.cpus().online(), node.cpus().memoryNodes(), node.cpus().numaCpus());
  }
}
