package io.isocore.core.audit;

import io.isocore.core.cpu.CpuSet;
import io.isocore.core.topology.Core;
import io.isocore.core.topology.HugepagePool;
import io.isocore.core.topology.NumaNode;
import io.isocore.core.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Checks a node against an isolation profile: which CPUs isocore would hand out, what in the kernel
 * and node settings would disturb them, and the kernel command line that fixes the boot parameters.
 * Pure.
 */
public final class IsolationAudit {

  private IsolationAudit() {}

  /** Audits one node. */
  public static AuditReport audit(
      AuditProfile profile, Topology topology, IsolationState kernel, EnvironmentState env) {
    List<Finding> findings = new ArrayList<>();
    CpuSet online = topology.online();
    CpuSet reserved = profile.reserved();
    CpuSet target = profile.explicitIsolated().orElse(kernel.kernelIsolated());

    if (!online.containsAll(reserved)) {
      findings.add(
          new Finding(
              "ReservedCpusOffline",
              "reserved CPUs " + reserved.minus(online).toListString() + " are not online",
              "choose reservedCpus among the online CPUs " + online.toListString()));
    }
    if (target.isEmpty()) {
      CpuSet proposal = online.minus(reserved);
      findings.add(
          new Finding(
              "NoIsolatedCpus",
              "the kernel isolates no CPUs",
              "boot with isolcpus=managed_irq,domain," + proposal.toListString()));
      target = proposal;
    }
    CpuSet overlap = target.intersection(reserved);
    if (!overlap.isEmpty()) {
      findings.add(
          new Finding(
              "ReservedCpusIsolated",
              "CPUs " + overlap.toListString() + " are both reserved and isolated",
              "take them out of isolcpus or out of reservedCpus"));
    }
    CpuSet isolated = target.minus(reserved).intersection(online);
    kernelFindings(findings, profile, kernel, env, isolated);
    irqFindings(findings, profile, kernel, isolated, reserved);
    smtFindings(findings, profile, topology, isolated);
    environmentFindings(findings, profile, env, isolated);
    hugepageFindings(findings, topology, isolated);
    return new AuditReport(isolated, findings, recommendedCmdline(isolated, reserved));
  }

  /** What the kernel command line and build leave undone for the isolated CPUs. */
  private static void kernelFindings(
      List<Finding> findings,
      AuditProfile profile,
      IsolationState kernel,
      EnvironmentState env,
      CpuSet isolated) {
    String isolatedList = isolated.toListString();
    if (profile.explicitIsolated().isPresent()) {
      CpuSet notKernel = isolated.minus(kernel.kernelIsolated());
      if (!notKernel.isEmpty()) {
        findings.add(
            new Finding(
                "KernelDoesNotIsolate",
                "CPUs " + notKernel.toListString() + " are not isolated by the kernel",
                "add isolcpus=managed_irq,domain," + isolatedList));
      }
    }
    missing(findings, isolated, kernel.nohzFull(), "NohzFullMissing", "nohz_full", isolatedList);
    env.tickMode()
        .filter(mode -> !mode.equals("nohz_full") && !isolated.isEmpty())
        .ifPresent(
            mode ->
                findings.add(
                    new Finding(
                        "KernelWithoutNohzFull",
                        "the kernel is built with tick mode "
                            + mode
                            + " (no CONFIG_NO_HZ_FULL), so nohz_full has no effect and isolated"
                            + " CPUs keep the scheduler tick",
                        "boot a kernel built with CONFIG_NO_HZ_FULL=y")));
    missing(
        findings,
        isolated,
        kernel.cmdline().rcuNocbs().orElse(CpuSet.empty()),
        "RcuNocbsMissing",
        "rcu_nocbs",
        isolatedList);
    if (kernel.cmdline().isolcpus().isPresent()
        && !kernel.cmdline().isolcpusFlags().contains("managed_irq")) {
      findings.add(
          new Finding(
              "ManagedIrqFlagMissing",
              "isolcpus has no managed_irq flag, so managed IRQs may land on isolated CPUs",
              "boot with isolcpus=managed_irq,domain," + isolatedList));
    }
    for (String problem : kernel.cmdline().problems()) {
      findings.add(
          new Finding(
              "CmdlineUnreadable",
              "cannot read " + problem,
              "write CPU lists without strides, such as 2-15"));
    }
  }

  /** {@code isolcpus=managed_irq,domain,I nohz_full=I rcu_nocbs=I irqaffinity=R}. */
  public static String recommendedCmdline(CpuSet isolated, CpuSet reserved) {
    if (isolated.isEmpty()) {
      return "irqaffinity=" + reserved.toListString();
    }
    String list = isolated.toListString();
    return "isolcpus=managed_irq,domain,"
        + list
        + " nohz_full="
        + list
        + " rcu_nocbs="
        + list
        + " irqaffinity="
        + reserved.toListString();
  }

  private static void missing(
      List<Finding> findings,
      CpuSet isolated,
      CpuSet have,
      String check,
      String parameter,
      String isolatedList) {
    CpuSet lacking = isolated.minus(have);
    if (lacking.isEmpty()) {
      return;
    }
    String cpus = lacking.size() == 1 ? "CPU " + lacking.first() : "CPUs " + lacking.toListString();
    String verb = lacking.size() == 1 ? "is" : "are";
    findings.add(
        new Finding(
            check,
            cpus + " " + verb + " isolated but not " + parameter,
            "add " + parameter + "=" + isolatedList));
  }

  private static void irqFindings(
      List<Finding> findings,
      AuditProfile profile,
      IsolationState kernel,
      CpuSet isolated,
      CpuSet reserved) {
    kernel
        .defaultIrqAffinity()
        .filter(d -> d.intersects(isolated))
        .ifPresent(
            d ->
                findings.add(
                    new Finding(
                        "DefaultIrqAffinityOnIsolated",
                        "the default IRQ affinity "
                            + d.toListString()
                            + " includes isolated CPUs "
                            + d.intersection(isolated).toListString(),
                        "add irqaffinity=" + reserved.toListString())));
    List<String> managed = new ArrayList<>();
    List<String> movable = new ArrayList<>();
    for (IrqState irq : kernel.irqs()) {
      CpuSet on = irq.effective().intersection(isolated);
      if (on.isEmpty()) {
        continue;
      }
      String label =
          irq.irq() + (irq.name().isEmpty() ? "" : " (" + irq.name() + ")") + " on " + on;
      (irq.managed() ? managed : movable).add(label);
    }
    if (!managed.isEmpty()) {
      findings.add(
          new Finding(
              "ManagedIrqOnIsolated",
              "managed IRQs run on isolated CPUs and cannot be moved: " + summary(managed),
              "boot with isolcpus=managed_irq,domain," + isolated.toListString()));
    }
    if (!movable.isEmpty() && !profile.irqSteering()) {
      findings.add(
          new Finding(
              "IrqOnIsolated",
              "IRQs run on isolated CPUs: " + summary(movable),
              "enable irqSteering in the profile or set irqaffinity=" + reserved.toListString()));
    }
  }

  private static void smtFindings(
      List<Finding> findings, AuditProfile profile, Topology topology, CpuSet isolated) {
    if (!profile.fullCores()) {
      return;
    }
    List<String> split = new ArrayList<>();
    for (Core core : topology.cores()) {
      if (core.cpus().intersects(isolated) && !isolated.containsAll(core.cpus())) {
        split.add("core " + core.id() + " (CPUs " + core.cpus().toListString() + ")");
      }
    }
    if (!split.isEmpty()) {
      findings.add(
          new Finding(
              "PartialCoresIsolated",
              "isolated CPUs split physical cores: " + summary(split),
              "isolate whole cores (all SMT siblings) or use smtPolicy IdleSiblings"));
    }
  }

  private static void environmentFindings(
      List<Finding> findings, AuditProfile profile, EnvironmentState env, CpuSet isolated) {
    double lost = env.rtThrottleMillisPerSecond();
    if (lost > 0) {
      findings.add(
          new Finding(
              "RtThrottling",
              String.format(
                  Locale.ROOT,
                  "kernel.sched_rt_runtime_us is %d of %d: a SCHED_FIFO busy loop loses about %.0f"
                      + " ms every second",
                  env.rtRuntimeMicroseconds().getAsLong(),
                  env.rtPeriodMicroseconds().getAsLong(),
                  lost),
              "set kernel.sched_rt_runtime_us=-1"));
    }
    if (env.irqbalanceRunning().orElse(false) && profile.irqSteering()) {
      findings.add(
          new Finding(
              "IrqbalanceRunning",
              "irqbalance is running and will undo IRQ steering",
              "stop and disable irqbalance, or set IRQBALANCE_BANNED_CPULIST="
                  + isolated.toListString()));
    }
    env.transparentHugepages()
        .filter("always"::equals)
        .ifPresent(
            mode ->
                findings.add(
                    new Finding(
                        "TransparentHugepagesAlways",
                        "THP is `always`",
                        "set `madvise` (transparent_hugepage=madvise)")));
    env.kubeletCpuManagerPolicy()
        .filter("static"::equals)
        .ifPresent(
            policy ->
                findings.add(
                    new Finding(
                        "KubeletStaticCpuManager",
                        "the kubelet CPU manager policy is static and fights isocore over cpusets",
                        "set the kubelet's cpuManagerPolicy to none")));
    TreeSet<String> slow = new TreeSet<>();
    for (Map.Entry<String, CpuSet> e : env.cpuFrequencyGovernors().entrySet()) {
      if (!e.getKey().equals("performance") && e.getValue().intersects(isolated)) {
        slow.add(e.getKey() + " on " + e.getValue().intersection(isolated).toListString());
      }
    }
    if (!slow.isEmpty()) {
      findings.add(
          new Finding(
              "CpuFrequencyGovernor",
              "isolated CPUs do not use the performance governor: " + String.join(", ", slow),
              "set the performance governor on " + isolated.toListString()));
    }
  }

  private static void hugepageFindings(List<Finding> findings, Topology topology, CpuSet isolated) {
    TreeSet<Long> reservedSizes = new TreeSet<>();
    for (NumaNode node : topology.numaNodes()) {
      for (HugepagePool pool : node.hugepages()) {
        if (pool.total() > 0) {
          reservedSizes.add(pool.pageSizeBytes());
        }
      }
    }
    for (NumaNode node : topology.numaNodes()) {
      if (!node.cpus().intersects(isolated)) {
        continue;
      }
      for (long size : reservedSizes) {
        long free = node.hugepages(size).map(HugepagePool::free).orElse(0L);
        if (free == 0) {
          String name = node.hugepages(size).map(HugepagePool::sizeName).orElse(sizeName(size));
          findings.add(
              new Finding(
                  "NoFreeHugepages",
                  "no free " + name + " pages on NUMA node " + node.id(),
                  "reserve "
                      + name
                      + " pages on node "
                      + node.id()
                      + " (/sys/devices/system/node/node"
                      + node.id()
                      + "/hugepages/hugepages-"
                      + (size >> 10)
                      + "kB/nr_hugepages)"));
        }
      }
    }
  }

  private static String sizeName(long bytes) {
    return new HugepagePool(bytes, 0, 0, 0).sizeName();
  }

  private static String summary(List<String> items) {
    return items.size() <= 5
        ? String.join(", ", items)
        : String.join(", ", items.subList(0, 5)) + " and " + (items.size() - 5) + " more";
  }
}
