package io.isocore.agent.enforce;

import io.isocore.agent.cgroup.CpusetCgroups;
import io.isocore.agent.cgroup.PartitionSupport;
import io.isocore.agent.cgroup.ThreadAffinityReader;
import io.isocore.agent.enforce.AllocationVerifier.Located;
import io.isocore.agent.irq.IrqAffinity;
import io.isocore.agent.irq.IrqSteering;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.enforce.CgroupTree;
import io.isocore.core.enforce.CpuPools;
import io.isocore.core.enforce.CpusetPins;
import io.isocore.core.enforce.CpusetPlan;
import io.isocore.core.enforce.CpusetPlanner;
import io.isocore.core.enforce.CpusetValue;
import io.isocore.core.enforce.ExclusiveGrant;
import io.isocore.core.enforce.GrantCheck;
import io.isocore.core.enforce.PodCpuWeight;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Level-triggered enforcement of a node's allocations, one pass at a time: <b>observe</b> (grants,
 * pools, the kubepods cpuset tree, each container's cgroup), <b>decide</b> (the pinned cgroups,
 * {@link CpusetPins}, and the plan, {@link CpusetPlanner}), <b>apply</b> (the plan, then weights
 * and hugetlb limits) and <b>verify</b> (read back from the kernel), then steer IRQs.
 *
 * <p>One instance per node and per agent process; it remembers what it left each cgroup at, so a
 * later pass that finds a different value reports drift (a runtime or the kubelet rewrote it) and
 * repairs it. A fresh instance (a restarted agent) that finds everything in place writes nothing
 * and reports the allocations as adopted. Not thread-safe: one reconcile at a time.
 */
public final class AllocationEnforcer {

  private final CpusetCgroups cgroups;
  private final CgroupObserver observer;
  private final AllocationVerifier verifier;
  private final CpusetPlanApplier applier;
  private final ContainerLimits limits;
  private final PodWeights podWeights;
  private final CpuQuotas quotas;
  private final Optional<IrqAffinity> irq;
  private Map<String, CpusetValue> lastApplied = Map.of();
  private boolean partitionReported;
  private HotThreads.Source hotThreads = HotThreads.none();
  private HookStarts.Source hookStarts = HookStarts.none();

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
    this.observer = new CgroupObserver(cgroups);
    this.verifier = new AllocationVerifier(cgroups, threads, hugepages);
    this.limits = new ContainerLimits(cgroups);
    this.podWeights = new PodWeights(cgroups);
    this.quotas = new CpuQuotas(cgroups);
    this.irq = irq;
    this.applier = new CpusetPlanApplier(cgroups);
  }

  /** Reads which pods ask for the hot thread alone ({@link HotThreads}); none by default. */
  public void hotThreads(HotThreads.Source source) {
    this.hotThreads = source;
  }

  /**
   * Reads the start hook's records of containers it pinned ({@link HookStarts}); none by default.
   */
  public void hookStarts(HookStarts.Source source) {
    this.hookStarts = source;
  }

  /** Runs one pass. Never throws for a single allocation's problem: it becomes its result. */
  public EnforcementReport reconcile(DesiredNode node) {
    long writesBefore = cgroups.writes();
    GrantCheck grants = checkGrants(node);
    CpuPools pools =
        CpuPools.compute(
            node.cpus().online(),
            acceptedCpus(grants),
            acceptedIdle(node, grants),
            node.cpus().isolated(),
            node.unallocated());
    Map<String, AllocationResult> results = new LinkedHashMap<>();
    Map<String, Optional<PodCpuWeight.Decision>> podWeight = new HashMap<>();
    node.allocations()
        .forEach(a -> podWeight.put(a.key(), podWeights.decide(a, node.shareWeighting())));
    PassObservation seen;
    CpusetPlan plan;
    try {
      seen = observer.observe(node, grants, pools);
      plan = decide(node, seen, results);
    } catch (PassStopped e) {
      return stopped(node, pools, e.getMessage(), results);
    }
    List<String> drifted = drifted(seen.tree());
    CpusetPlanApplier.Outcome applied = applier.apply(plan);
    List<String> warnings = new ArrayList<>();
    applied.stopped().ifPresent(warnings::add);
    Set<String> enforced = new HashSet<>();
    for (DesiredAllocation allocation : node.allocations()) {
      if (!results.containsKey(allocation.key())) { // not rejected, nor waiting for a container
        enforced.add(allocation.key());
        results.put(
            allocation.key(),
            verify(allocation, seen, plan, applied, drifted, podWeight.get(allocation.key())));
      }
    }
    // Pod weights not kept (pod left, mode off) go back to the kubelet's value.
    Set<String> keep =
        podWeight.entrySet().stream()
            .filter(e -> e.getValue().filter(d -> !(d instanceof PodCpuWeight.Kubelet)).isPresent())
            .map(Map.Entry::getKey)
            .collect(Collectors.toSet());
    warnings.addAll(podWeights.restoreExcept(keep));
    // Quotas lifted for allocations no longer enforced (released, rejected, waiting) go back.
    warnings.addAll(quotas.restoreExcept(enforced));
    if (applied.stopped().isEmpty()) {
      lastApplied = plan.desired();
    }
    reportPartitionsOnce(seen.kubepods(), warnings);
    Optional<IrqSteering> steering = steerIrqs(node, pools, warnings);
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

  /**
   * Decide: rejected and waiting allocations get their result now; the pinned cgroups and the plan
   * follow from the pure rules in core.
   */
  private CpusetPlan decide(
      DesiredNode node, PassObservation seen, Map<String, AllocationResult> results)
      throws PassStopped {
    List<CpusetPins.Allocation> pinInput = new ArrayList<>();
    for (DesiredAllocation allocation : node.allocations()) {
      String rejected = seen.grants().rejected().get(allocation.key());
      List<Located> found = seen.located().get(allocation.key());
      List<String> missing = seen.missing().get(allocation.key());
      Optional<String> hot = hotThreads.container(allocation.key());
      pinInput.add(
          new CpusetPins.Allocation(
              allocation.numaNode(),
              rejected != null,
              found.stream()
                  .map(
                      l ->
                          new CpusetPins.Located(
                              l.cgroup(),
                              l.container().exclusive(),
                              HotThreads.cpuset(
                                  hot.filter(l.container().name()::equals).isPresent(),
                                  l.container().cpus(),
                                  seen.pools().shared())))
                  .toList()));
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
                    + seen.kubepods()
                    + "; retrying"));
      }
    }
    CpusetValue shared = new CpusetValue(seen.pools().shared(), node.cpus().memoryNodes());
    try {
      Map<String, CpusetValue> pinned =
          new HashMap<>(
              HookStarts.pins(
                  seen.tree(),
                  node.allocations(),
                  seen.located(),
                  seen.grants().rejected().keySet(),
                  hookStarts));
      pinned.putAll(CpusetPins.decide(pinInput, seen.tree(), seen.pools().exclusive(), shared));
      return CpusetPlanner.plan(seen.tree(), pinned, shared);
    } catch (IllegalArgumentException e) {
      throw new PassStopped(
          "nothing written: " + e.getMessage() + " (shared pool " + seen.pools().shared() + ")");
    }
  }

  /** Cgroups whose value is no longer what this enforcer left them at. */
  private List<String> drifted(CgroupTree observed) {
    List<String> drifted = new ArrayList<>();
    for (Map.Entry<String, CpusetValue> e : lastApplied.entrySet()) {
      observed
          .value(e.getKey())
          .filter(v -> !v.equals(e.getValue()))
          .ifPresent(v -> drifted.add(e.getKey()));
    }
    return drifted;
  }

  /** Apply the allocation's limits (unless the plan stopped), then verify it against the plan. */
  private AllocationResult verify(
      DesiredAllocation allocation,
      PassObservation seen,
      CpusetPlan plan,
      CpusetPlanApplier.Outcome applied,
      List<String> drifted,
      Optional<PodCpuWeight.Decision> podWeight) {
    List<Located> found = seen.located().get(allocation.key());
    Optional<String> abort = applied.stopped();
    Optional<String> problem = applied.vanishedProblem(found);
    PodWeights.Outcome pod = PodWeights.Outcome.NONE;
    // Tickets that would leave the kernel's range: no weight of the pod changes (cpusets do).
    problem = problem.or(() -> Optional.ofNullable(PodWeights.refused(allocation, podWeight)));
    if (problem.isEmpty() && abort.isEmpty()) {
      problem = limits.apply(found);
    }
    if (problem.isEmpty() && abort.isEmpty()) {
      pod = podWeights.apply(allocation.key(), found, podWeight);
      problem = pod.problem();
    }
    CpuQuotas.Outcome quota = CpuQuotas.Outcome.NONE;
    if (problem.isEmpty() && abort.isEmpty()) {
      quota = quotas.apply(allocation.key(), found);
      problem = quota.problem();
    }
    Map<String, CpusetValue> expected = new HashMap<>();
    for (Located l : found) {
      expected.put(l.container().name(), plan.desired().get(l.cgroup()));
    }
    AllocationVerifier.Outcome outcome = verifier.verify(found, expected);
    if (problem.isEmpty() && outcome.problem().isPresent()) {
      problem = abort.isPresent() ? abort : outcome.problem();
    }
    if (problem.isPresent()) {
      return new AllocationResult.Failed(
          allocation.key(), allocation.generation(), problem.get(), outcome.checks());
    }
    List<String> repaired =
        new ArrayList<>(found.stream().map(Located::cgroup).filter(drifted::contains).toList());
    pod.repaired().ifPresent(repaired::add); // a kubelet rewrite of the pod weight is drift too
    pod.repaired().ifPresent(drifted::add);
    repaired.addAll(quota.repaired()); // so is a kubelet rewrite of a lifted quota
    drifted.addAll(quota.repaired());
    Map<String, Integer> perCgroup = applied.writesPerCgroup();
    int writes = found.stream().mapToInt(l -> perCgroup.getOrDefault(l.cgroup(), 0)).sum();
    boolean adopted =
        found.stream().noneMatch(l -> lastApplied.containsKey(l.cgroup())) && writes == 0;
    return new AllocationResult.Applied(
        allocation.key(), allocation.generation(), outcome.checks(), repaired, adopted, writes);
  }

  private void reportPartitionsOnce(String kubepods, List<String> warnings) {
    if (!partitionReported) {
      // Reported once per agent: exclusive CPUs stay in load balancing without a partition.
      partitionReported = true;
      PartitionSupport partition = cgroups.partitionSupport(kubepods);
      if (!partition.available()) {
        warnings.add("isolated cpuset partitions unavailable: " + partition.detail());
      }
    }
  }

  /**
   * The node is not isocore's (no profile selects it): gives back the IRQs isocore moved and writes
   * nothing else. Returns what an operator should know (IRQs someone else changed since, errors).
   */
  public List<String> restoreIrqs() {
    if (irq.isEmpty()) {
      return List.of();
    }
    try {
      return irq.get().restore().warnings();
    } catch (IOException e) {
      return List.of("restoring IRQ affinities failed: " + e.getMessage());
    }
  }

  private Optional<IrqSteering> steerIrqs(DesiredNode node, CpuPools pools, List<String> warnings) {
    if (irq.isEmpty()) {
      return Optional.empty();
    }
    try {
      // Steering off in the profile: what isocore moved goes back (a no-op once restored).
      IrqSteering steering =
          node.irqSteering()
              // Idle siblings too: an interrupt there runs on the exclusive CPU's core.
              ? irq.get().steer(pools.held(), pools.shared())
              : irq.get().restore();
      warnings.addAll(steering.warnings());
      return Optional.of(steering);
    } catch (IOException e) {
      warnings.add("IRQ steering failed: " + e.getMessage());
      return Optional.empty();
    }
  }

  /** Every allocation without a result yet fails with the node-level reason; nothing is written. */
  private static EnforcementReport stopped(
      DesiredNode node, CpuPools pools, String reason, Map<String, AllocationResult> results) {
    List<AllocationResult> ordered = new ArrayList<>();
    for (DesiredAllocation a : node.allocations()) {
      ordered.add(
          results.getOrDefault(
              a.key(), new AllocationResult.Failed(a.key(), a.generation(), reason, List.of())));
    }
    return new EnforcementReport(ordered, pools, 0, List.of(), List.of(reason), Optional.empty());
  }

  private static CpuSet acceptedCpus(GrantCheck grants) {
    CpuSet exclusive = CpuSet.empty();
    for (ExclusiveGrant grant : grants.accepted()) {
      exclusive = exclusive.union(grant.cpus());
    }
    return exclusive;
  }

  /**
   * The siblings the accepted allocations hold idle: out of the shared pool whatever the policy.
   */
  private static CpuSet acceptedIdle(DesiredNode node, GrantCheck grants) {
    CpuSet idle = CpuSet.empty();
    for (DesiredAllocation a : node.allocations()) {
      if (!grants.rejected().containsKey(a.key())) {
        idle = idle.union(a.idleCpus());
      }
    }
    return idle;
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
