package io.isocore.core.noise;

import java.util.Locale;

/** The fix isocore recommends for each kind of source it knows. */
public final class NoiseFixes {

  private NoiseFixes() {}

  /** Returns the recommendation for a source, empty when there is none. */
  public static String fix(SourceKind kind, String name, boolean device) {
    return switch (kind) {
      case IRQ -> device ? steer(name) : irq(name);
      case SOFTIRQ -> softirq(name);
      case THREAD -> thread(name);
      case STEAL ->
          "hypervisor steal: ask for dedicated (pinned) vCPUs; nothing inside the guest removes it";
      case HARDWARE ->
          "hardware/NMI noise: disable the NMI watchdog (nmi_watchdog=0), check firmware SMIs and"
              + " deep C-states";
      case OTHER -> "";
    };
  }

  private static String steer(String name) {
    String irq = name.contains(":") ? name.substring(0, name.indexOf(':')) : name;
    return "steer IRQ "
        + irq
        + " off this CPU (/proc/irq/"
        + irq
        + "/smp_affinity_list to housekeeping CPUs; isocore's IRQ steering does this for"
        + " isolated CPUs) and keep irqbalance from moving it back (stop it or set"
        + " IRQBALANCE_BANNED_CPULIST)";
  }

  private static String irq(String name) {
    return switch (name) {
      case "LOC" ->
          "local timer ticks: boot with nohz_full=<isolated CPUs> so the tick stops while one task"
              + " runs, and keep timers off the CPU";
      case "RES" ->
          "reschedule IPIs: tasks are being woken onto this CPU; give the workload exclusive"
              + " placement and keep other tasks off (isolcpus or a cpuset partition)";
      case "CAL", "TLB" ->
          "cross-CPU calls/TLB shootdowns from the process's own threads on other CPUs: lock and"
              + " pre-fault memory (mlockall), do not unmap or mprotect in the hot path";
      case "NMI", "PMI" -> "disable the NMI watchdog (nmi_watchdog=0) and stop perf sampling";
      case "IWI" -> "irq_work: stop perf/ftrace users and printk floods on this CPU";
      default -> "";
    };
  }

  private static String softirq(String name) {
    return switch (name) {
      case "RCU" -> "RCU callbacks: boot with rcu_nocbs=<isolated CPUs> (and rcu_nocb_poll)";
      case "TIMER", "HRTIMER" ->
          "timer softirqs: boot with nohz_full=<isolated CPUs> and keep kernel.timer_migration=1";
      case "NET_RX", "NET_TX" ->
          "network softirqs: steer the NIC's queue IRQs and RPS/XPS (rps_cpus) to housekeeping"
              + " CPUs";
      case "BLOCK" -> "block completions: steer the disk's IRQs to housekeeping CPUs";
      case "SCHED" ->
          "scheduler load balancing: isolate the CPU from scheduler domains (isolcpus=domain or"
              + " an isolated cpuset partition)";
      default -> "";
    };
  }

  private static String thread(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.startsWith("irqbalance")) {
      return "irqbalance ran here: stop it or set IRQBALANCE_BANNED_CPULIST to the isolated CPUs";
    }
    if (n.startsWith("kworker")
        || n.startsWith("ksoftirqd")
        || n.startsWith("rcu")
        || n.startsWith("migration")
        || n.startsWith("kcompactd")) {
      return "kernel thread: move unbound work off (/sys/devices/virtual/workqueue/cpumask),"
          + " boot with nohz_full and rcu_nocbs for the isolated CPUs";
    }
    return "a neighbour's thread ran here: place the workload on exclusive cores (isocore"
        + " exclusive placement) so nothing else is scheduled on this CPU";
  }
}
