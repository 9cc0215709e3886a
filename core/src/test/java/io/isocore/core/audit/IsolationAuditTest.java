package io.isocore.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.core.cpu.CpuSet;
import io.isocore.core.topology.Core;
import io.isocore.core.topology.Cpu;
import io.isocore.core.topology.HugepagePool;
import io.isocore.core.topology.NumaNode;
import io.isocore.core.topology.Socket;
import io.isocore.core.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class IsolationAuditTest {

  private static final long GI = 1L << 30;

  /** One socket, two NUMA nodes of 8 CPUs (4 cores x 2 threads each: core c has CPUs c, c+8). */
  static Topology sixteenCpus(long freeGiNode1) {
    List<Core> cores = new ArrayList<>();
    List<Cpu> cpus = new ArrayList<>();
    for (int c = 0; c < 8; c++) {
      int node = c < 4 ? 0 : 1;
      cores.add(new Core(c, 0, 0, node, c, CpuSet.of(c, c + 8), 0));
    }
    for (int cpu = 0; cpu < 16; cpu++) {
      int core = cpu % 8;
      cpus.add(new Cpu(cpu, core, 0, 0, -1, core < 4 ? 0 : 1, 0));
    }
    NumaNode n0 =
        new NumaNode(
            0,
            CpuSet.parse("0-3,8-11"),
            0,
            0,
            List.of(10, 20),
            List.of(new HugepagePool(GI, 4, 4, 0)));
    NumaNode n1 =
        new NumaNode(
            1,
            CpuSet.parse("4-7,12-15"),
            0,
            0,
            List.of(20, 10),
            List.of(new HugepagePool(GI, 4, freeGiNode1, 0)));
    return new Topology(
        List.of(new Socket(0, CpuSet.range(0, 15), List.of(0), List.of(0, 1))),
        List.of(n0, n1),
        cores,
        cpus,
        List.of(),
        CpuSet.range(0, 15),
        CpuSet.empty());
  }

  static EnvironmentState goodEnvironment() {
    return new EnvironmentState(
        OptionalLong.of(-1),
        OptionalLong.of(1_000_000),
        OptionalInt.empty(),
        Optional.empty(),
        Optional.of("madvise"),
        Map.of("performance", CpuSet.range(0, 15)),
        List.of("POLL"),
        Optional.of(false),
        Optional.of("none"));
  }

  static IsolationState wellIsolated() {
    CpuSet iso = CpuSet.parse("1-7,9-15");
    return new IsolationState(
        iso,
        iso,
        KernelCmdline.parse(
            "isolcpus=managed_irq,domain,1-7,9-15 nohz_full=1-7,9-15 rcu_nocbs=1-7,9-15"
                + " irqaffinity=0,8"),
        Optional.of(CpuSet.of(0, 8)),
        List.of(new IrqState(30, "eth0", CpuSet.of(0), CpuSet.of(0), true)));
  }

  static final AuditProfile PROFILE =
      new AuditProfile(CpuSet.of(0, 8), Optional.empty(), true, true);

  @Test
  void aWellIsolatedNodeIsClean() {
    AuditReport report =
        IsolationAudit.audit(PROFILE, sixteenCpus(4), wellIsolated(), goodEnvironment());
    assertThat(report.findings()).isEmpty();
    assertThat(report.clean()).isTrue();
    assertThat(report.isolatedCpus()).isEqualTo(CpuSet.parse("1-7,9-15"));
    assertThat(report.recommendedKernelCmdline())
        .isEqualTo(
            "isolcpus=managed_irq,domain,1-7,9-15 nohz_full=1-7,9-15 rcu_nocbs=1-7,9-15"
                + " irqaffinity=0,8");
  }

  @Test
  void saysWhatIsMissingAndHowToFixIt() {
    CpuSet iso = CpuSet.parse("1-7,9-15");
    IsolationState kernel =
        new IsolationState(
            iso,
            CpuSet.parse("5-7,9-15"),
            KernelCmdline.parse("isolcpus=1-7,9-15 nohz_full=5-7,9-15"),
            Optional.of(CpuSet.range(0, 15)),
            List.of(new IrqState(40, "nvme0q1", CpuSet.of(3), CpuSet.of(3), true)));
    EnvironmentState env =
        new EnvironmentState(
            OptionalLong.of(950_000),
            OptionalLong.of(1_000_000),
            OptionalInt.empty(),
            Optional.empty(),
            Optional.of("always"),
            Map.of("powersave", CpuSet.range(0, 15)),
            List.of(),
            Optional.of(true),
            Optional.of("static"));
    AuditReport report = IsolationAudit.audit(PROFILE, sixteenCpus(0), kernel, env);
    assertThat(report.findings())
        .extracting(Finding::describe)
        .contains(
            "CPUs 1-4 are isolated but not nohz_full: add nohz_full=1-7,9-15",
            "CPUs 1-7,9-15 are isolated but not rcu_nocbs: add rcu_nocbs=1-7,9-15",
            "irqbalance is running and will undo IRQ steering: stop and disable irqbalance, or"
                + " set IRQBALANCE_BANNED_CPULIST=1-7,9-15",
            "THP is `always`: set `madvise` (transparent_hugepage=madvise)",
            "kernel.sched_rt_runtime_us is 950000 of 1000000: a SCHED_FIFO busy loop loses about"
                + " 50 ms every second: set kernel.sched_rt_runtime_us=-1",
            "the default IRQ affinity 0-15 includes isolated CPUs 1-7,9-15: add irqaffinity=0,8");
    assertThat(report.findings())
        .extracting(Finding::check)
        .contains(
            "ManagedIrqFlagMissing",
            "ManagedIrqOnIsolated",
            "KubeletStaticCpuManager",
            "CpuFrequencyGovernor",
            "NoFreeHugepages");
    assertThat(report.findings())
        .extracting(Finding::problem)
        .contains("no free 1Gi pages on NUMA node 1");
  }

  @Test
  void oneMissingCpuIsNamedSingly() {
    IsolationState kernel =
        new IsolationState(
            CpuSet.parse("4-15"),
            CpuSet.parse("5-15"),
            KernelCmdline.parse("isolcpus=managed_irq,domain,4-15 rcu_nocbs=4-15"),
            Optional.empty(),
            List.of());
    AuditProfile profile = new AuditProfile(CpuSet.parse("0-3"), Optional.empty(), false, true);
    AuditReport report = IsolationAudit.audit(profile, sixteenCpus(4), kernel, goodEnvironment());
    assertThat(report.findings())
        .extracting(Finding::describe)
        .containsExactly("CPU 4 is isolated but not nohz_full: add nohz_full=4-15");
  }

  @Test
  void noKernelIsolationProposesTheOnlineCpusBeyondTheReserved() {
    AuditReport report =
        IsolationAudit.audit(PROFILE, sixteenCpus(4), IsolationState.none(), goodEnvironment());
    assertThat(report.findings()).extracting(Finding::check).first().isEqualTo("NoIsolatedCpus");
    assertThat(report.recommendedKernelCmdline())
        .startsWith("isolcpus=managed_irq,domain,1-7,9-15 ");
  }

  @Test
  void fullCoresFlagsCoresIsolatedOnlyInPart() {
    AuditProfile profile =
        new AuditProfile(CpuSet.of(0), Optional.of(CpuSet.parse("1-15")), true, true);
    AuditReport report =
        IsolationAudit.audit(profile, sixteenCpus(4), wellIsolated(), goodEnvironment());
    assertThat(report.findings())
        .extracting(Finding::check)
        .containsExactly(
            "KernelDoesNotIsolate",
            "NohzFullMissing",
            "RcuNocbsMissing",
            "DefaultIrqAffinityOnIsolated",
            "PartialCoresIsolated");
    assertThat(report.findings())
        .extracting(Finding::describe)
        .contains(
            "isolated CPUs split physical cores: core 0 (CPUs 0,8): isolate whole cores (all SMT"
                + " siblings) or use smtPolicy IdleSiblings");
  }

  @Test
  void aKernelWithoutNohzFullIsReported() {
    EnvironmentState g = goodEnvironment();
    EnvironmentState idleTicks =
        new EnvironmentState(
            g.rtRuntimeMicroseconds(),
            g.rtPeriodMicroseconds(),
            g.timerFrequencyHz(),
            Optional.of("nohz_idle"),
            g.transparentHugepages(),
            g.cpuFrequencyGovernors(),
            g.cpuidleStates(),
            g.irqbalanceRunning(),
            g.kubeletCpuManagerPolicy());
    AuditReport report = IsolationAudit.audit(PROFILE, sixteenCpus(4), wellIsolated(), idleTicks);
    assertThat(report.findings())
        .extracting(Finding::check)
        .containsExactly("KernelWithoutNohzFull");
  }

  @Test
  void rtThrottleLossIsComputedFromRuntimeAndPeriod() {
    EnvironmentState off = goodEnvironment();
    assertThat(off.rtThrottleMillisPerSecond()).isZero();
    EnvironmentState def =
        new EnvironmentState(
            OptionalLong.of(950_000),
            OptionalLong.of(1_000_000),
            OptionalInt.empty(),
            Optional.empty(),
            Optional.empty(),
            Map.of(),
            List.of(),
            Optional.empty(),
            Optional.empty());
    assertThat(def.rtThrottleMillisPerSecond()).isEqualTo(50.0);
  }
}
