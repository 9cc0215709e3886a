package io.isocore.agent.cli;

import io.isocore.core.audit.EnvironmentState;
import io.isocore.core.audit.IsolationState;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.node.Degradation;
import io.isocore.core.node.Nic;
import io.isocore.core.node.NodeSnapshot;
import io.isocore.core.topology.CacheGroup;
import io.isocore.core.topology.Core;
import io.isocore.core.topology.HugepagePool;
import io.isocore.core.topology.NumaNode;
import io.isocore.core.topology.Socket;
import io.isocore.core.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The human summary of {@code topology}: packages > NUMA nodes > cores > CPUs, then isolation,
 * hugepages, environment, NICs and warnings.
 */
final class TopologySummary {

  private TopologySummary() {}

  static String render(NodeSnapshot s) {
    StringBuilder out = new StringBuilder();
    Topology t = s.topology();
    long memoryOnly = t.numaNodes().stream().filter(n -> n.cpus().isEmpty()).count();
    line(
        out,
        "%d package(s), %d NUMA node(s)%s, %d core(s), %d online CPU(s) %s, %d thread(s) per core",
        t.sockets().size(),
        t.numaNodes().size(),
        memoryOnly > 0 ? " (" + memoryOnly + " memory-only)" : "",
        t.cores().size(),
        t.online().size(),
        t.online().toListString(),
        t.threadsPerCore());
    if (!t.offline().isEmpty()) {
      line(out, "offline CPUs: %s", t.offline().toListString());
    }
    for (Socket socket : t.sockets()) {
      socket(out, t, socket);
    }
    for (NumaNode node : t.numaNodes()) {
      if (node.cpus().isEmpty()) {
        line(
            out,
            "NUMA node %d: memory only, %s, distances %s",
            node.id(),
            bytes(node.memoryTotalBytes()),
            node.distances());
      }
    }
    if (!t.l3Groups().isEmpty()) {
      List<String> groups = new ArrayList<>();
      for (CacheGroup g : t.l3Groups()) {
        groups.add(g.id() + ": " + g.cpus().toListString());
      }
      line(out, "L3 groups: %s", String.join("; ", groups));
    }
    memory(out, t);
    isolation(out, s.isolation());
    environment(out, s);
    for (Nic nic : s.nics()) {
      line(
          out,
          "NIC %s: PCI %s, NUMA node %d, IRQs %s",
          nic.name(),
          nic.pciAddress().orElse("none"),
          nic.numaNode(),
          nic.irqs().isEmpty() ? "none" : CpuSet.of(nic.irqs()).toListString());
    }
    List<String> warnings = warnings(s);
    if (warnings.isEmpty()) {
      line(out, "warnings: none");
    } else {
      line(out, "warnings:");
      warnings.forEach(w -> line(out, "  - %s", w));
    }
    return out.toString();
  }

  /** One package: its NUMA nodes and, under each, its cores. */
  private static void socket(StringBuilder out, Topology t, Socket socket) {
    line(
        out,
        "package %d: CPUs %s, die(s) %s, NUMA node(s) %s",
        socket.id(),
        socket.cpus().toListString(),
        socket.dies(),
        socket.numaNodes());
    List<Integer> nodes = new ArrayList<>(socket.numaNodes());
    if (t.cores().stream().anyMatch(c -> c.socket() == socket.id() && c.numaNode() < 0)) {
      nodes.add(-1);
    }
    for (int nodeId : nodes) {
      CpuSet cpus =
          t.cpus().stream()
              .filter(c -> c.socket() == socket.id() && c.numaNode() == nodeId)
              .map(c -> CpuSet.of(c.id()))
              .reduce(CpuSet.empty(), CpuSet::union);
      line(
          out,
          "  %s: CPUs %s",
          nodeId < 0 ? "no NUMA node (node offline)" : "NUMA node " + nodeId,
          cpus.toListString());
      for (Core core : t.cores()) {
        if (core.socket() == socket.id() && core.numaNode() == nodeId) {
          line(
              out,
              "    core %d (core_id %d%s%s): CPUs %s",
              core.id(),
              core.coreId(),
              core.die() != 0 ? ", die " + core.die() : "",
              core.l3Group() >= 0 ? ", L3 " + core.l3Group() : "",
              core.cpus().toListString());
        }
      }
    }
  }

  private static void memory(StringBuilder out, Topology t) {
    line(out, "memory and hugepages:");
    for (NumaNode node : t.numaNodes()) {
      List<String> pools = new ArrayList<>();
      for (HugepagePool p : node.hugepages()) {
        pools.add(
            String.format(
                Locale.ROOT,
                "%s %d total, %d free, %d surplus",
                p.sizeName(),
                p.total(),
                p.free(),
                p.surplus()));
      }
      line(
          out,
          "  NUMA node %d: %s total, %s free; hugepages: %s",
          node.id(),
          bytes(node.memoryTotalBytes()),
          bytes(node.memoryFreeBytes()),
          pools.isEmpty() ? "none" : String.join("; ", pools));
    }
  }

  private static void isolation(StringBuilder out, IsolationState k) {
    line(out, "isolation:");
    line(out, "  isolated CPUs: %s", list(k.kernelIsolated()));
    line(
        out,
        "  isolcpus: %s",
        k.cmdline()
            .isolcpus()
            .map(c -> c.toListString() + " flags " + k.cmdline().isolcpusFlags())
            .orElse("not set"));
    line(out, "  nohz_full: %s", list(k.nohzFull()));
    line(
        out, "  rcu_nocbs: %s", k.cmdline().rcuNocbs().map(CpuSet::toListString).orElse("not set"));
    line(
        out,
        "  irqaffinity: %s; default IRQ affinity: %s",
        k.cmdline().irqAffinity().map(CpuSet::toListString).orElse("not set"),
        k.defaultIrqAffinity().map(CpuSet::toListString).orElse("unknown"));
    line(
        out,
        "  IRQs: %d, managed: %s",
        k.irqs().size(),
        k.managedIrqs().isEmpty() ? "none" : k.managedIrqs());
  }

  private static void environment(StringBuilder out, NodeSnapshot s) {
    EnvironmentState e = s.environment();
    line(out, "environment:");
    line(
        out,
        "  RT throttling: sched_rt_runtime_us %s, sched_rt_period_us %s",
        e.rtRuntimeMicroseconds().isPresent() ? e.rtRuntimeMicroseconds().getAsLong() : "unknown",
        e.rtPeriodMicroseconds().isPresent() ? e.rtPeriodMicroseconds().getAsLong() : "unknown");
    line(
        out,
        "  timer frequency: %s; tick mode: %s; THP: %s; irqbalance: %s; kubelet CPU manager: %s",
        e.timerFrequencyHz().isPresent() ? e.timerFrequencyHz().getAsInt() + " Hz" : "unknown",
        e.tickMode().orElse("unknown"),
        e.transparentHugepages().orElse("unknown"),
        e.irqbalanceRunning().map(r -> r ? "running" : "not running").orElse("unknown"),
        e.kubeletCpuManagerPolicy().orElse("no state file"));
    List<String> governors = new ArrayList<>();
    for (Map.Entry<String, CpuSet> g : e.cpuFrequencyGovernors().entrySet()) {
      governors.add(g.getKey() + " on " + g.getValue().toListString());
    }
    line(
        out,
        "  governors: %s; cpuidle states: %s",
        governors.isEmpty() ? "none (no cpufreq)" : String.join(", ", governors),
        e.cpuidleStates().isEmpty() ? "none" : e.cpuidleStates());
    line(
        out,
        "  cgroup: %s, driver %s, kubepods %s",
        s.cgroup().version().orElse("unknown"),
        s.cgroup().driver().orElse("unknown"),
        s.cgroup().kubepodsPath().orElse("not found"));
  }

  static List<String> warnings(NodeSnapshot s) {
    List<String> w = new ArrayList<>();
    EnvironmentState e = s.environment();
    double lost = e.rtThrottleMillisPerSecond();
    if (lost > 0) {
      w.add(
          String.format(
              Locale.ROOT,
              "RT throttling is on (sched_rt_runtime_us %d of %d): a SCHED_FIFO busy loop loses"
                  + " about %.0f ms every second",
              e.rtRuntimeMicroseconds().getAsLong(),
              e.rtPeriodMicroseconds().getAsLong(),
              lost));
    }
    if (e.transparentHugepages().filter("always"::equals).isPresent()) {
      w.add("THP is `always`: set `madvise`");
    }
    if (e.irqbalanceRunning().orElse(false)) {
      w.add("irqbalance is running and will undo IRQ steering");
    }
    if (e.kubeletCpuManagerPolicy().filter("static"::equals).isPresent()) {
      w.add("the kubelet CPU manager policy is static: it fights isocore over cpusets");
    }
    if (s.isolation().kernelIsolated().isEmpty()) {
      w.add("the kernel isolates no CPUs");
    }
    for (Degradation d : s.degradations()) {
      w.add("could not use " + d.describe());
    }
    return w;
  }

  private static String list(CpuSet set) {
    return set.isEmpty() ? "none" : set.toListString();
  }

  static String bytes(long bytes) {
    if (bytes <= 0) {
      return "unknown";
    }
    return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
  }

  private static void line(StringBuilder out, String format, Object... args) {
    out.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
