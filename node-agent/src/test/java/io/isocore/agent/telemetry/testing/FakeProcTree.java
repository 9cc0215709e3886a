package io.isocore.agent.telemetry.testing;

import io.isocore.agent.host.HostRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds a host tree ({@code proc/}, {@code sys/}, a kubelet state file) under a directory, in the
 * kernel's formats, for telemetry tests.
 */
public final class FakeProcTree {

  /** A pod UID and a container id that {@link #containerThread} puts in a cgroup path. */
  public static final String POD_UID = "1a2b3c4d-5e6f-4a0b-8c9d-0e1f2a3b4c5d";

  /** The runtime id of the fake container. */
  public static final String CONTAINER_ID =
      "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  private final Path root;

  /** Creates {@code root/proc} and {@code root/sys}. */
  public FakeProcTree(Path root) {
    this.root = root;
    write("proc/.keep", "");
    write("sys/.keep", "");
  }

  /** The fake host root. */
  public HostRoot host() {
    return new HostRoot(root);
  }

  /** The fake {@code /proc}. */
  public Path proc() {
    return root.resolve("proc");
  }

  /** The fake {@code /sys}. */
  public Path sys() {
    return root.resolve("sys");
  }

  /** The fake kubelet cpu_manager_state file (may not exist). */
  public Path kubeletState() {
    return root.resolve("var/lib/kubelet/cpu_manager_state");
  }

  /** Writes {@code text} to {@code relative} under the root, creating directories. */
  public FakeProcTree write(String relative, String text) {
    Path file = root.resolve(relative);
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Deletes {@code relative} (a file or a whole directory). */
  public FakeProcTree delete(String relative) {
    Path path = root.resolve(relative);
    try (var walk = Files.walk(path)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** A minimal 4-CPU node: interrupts, softirqs, online CPUs, RT throttling on. */
  public FakeProcTree node(long locCpu2, long timerCpu2) {
    return node(4, locCpu2, timerCpu2);
  }

  /**
   * A minimal node of {@code cpus} CPUs (at least 3): interrupts (IRQ 24 on CPU 0 and 2, NMI, LOC,
   * RES, a row type from a newer kernel, ERR), softirqs, online CPUs, RT throttling on. CPU 2 has
   * the given LOC and TIMER counts, the others fixed ones.
   */
  public FakeProcTree node(int cpus, long locCpu2, long timerCpu2) {
    StringBuilder header = new StringBuilder("      ");
    StringBuilder irq24 = new StringBuilder("  24:");
    StringBuilder nmi = new StringBuilder(" NMI:");
    StringBuilder loc = new StringBuilder(" LOC:");
    StringBuilder res = new StringBuilder(" RES:");
    StringBuilder xyz = new StringBuilder(" XYZ:");
    StringBuilder softHeader = new StringBuilder("              ");
    StringBuilder hi = new StringBuilder("          HI:");
    StringBuilder timer = new StringBuilder("       TIMER:");
    StringBuilder netRx = new StringBuilder("      NET_RX:");
    for (int cpu = 0; cpu < cpus; cpu++) {
      header.append(String.format("%11s", "CPU" + cpu));
      irq24.append(String.format(" %10d", cpu == 0 ? 100 : cpu == 2 ? 7 : 0));
      nmi.append(String.format(" %10d", 0));
      loc.append(String.format(" %10d", cpu == 2 ? locCpu2 : 1000));
      res.append(String.format(" %10d", cpu == 2 ? 1 : 10));
      xyz.append(String.format(" %10d", 1));
      softHeader.append(String.format("%11s", "CPU" + cpu));
      hi.append(String.format(" %10d", 0));
      timer.append(String.format(" %10d", cpu == 2 ? timerCpu2 : 500));
      netRx.append(String.format(" %10d", cpu == 2 ? 0 : 5));
    }
    write(
        "proc/interrupts",
        header
            + "\n"
            + irq24
            + "   IO-APIC   2-edge      timer\n"
            + nmi
            + "   Non-maskable interrupts\n"
            + loc
            + "   Local timer interrupts\n"
            + res
            + "   Rescheduling interrupts\n"
            + xyz
            + "   A type from a newer kernel\n"
            + " ERR:          0\n");
    write("proc/softirqs", softHeader + "\n" + hi + "\n" + timer + "\n" + netRx + "\n");
    write("proc/sys/kernel/sched_rt_runtime_us", "950000\n");
    write("sys/devices/system/cpu/online", "0-" + (cpus - 1) + "\n");
    return this;
  }

  /** Adds {@code /proc/schedstat} (version 15) for CPUs 0-3. */
  public FakeProcTree schedstat(long runNanos, long waitNanos) {
    StringBuilder sb = new StringBuilder("version 15\ntimestamp 4295892416\n");
    for (int cpu = 0; cpu < 4; cpu++) {
      sb.append("cpu")
          .append(cpu)
          .append(" 0 0 0 0 0 0 ")
          .append(runNanos)
          .append(' ')
          .append(waitNanos)
          .append(" 1\n");
      sb.append("domain0 0000000f 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n");
    }
    return write("proc/schedstat", sb.toString());
  }

  /** Adds a host process named {@code comm}. */
  public FakeProcTree process(int pid, String comm) {
    write("proc/" + pid + "/comm", comm + "\n");
    return write("proc/" + pid + "/cgroup", "0::/system.slice/" + comm + ".service\n");
  }

  /**
   * Adds thread {@code tid} of process {@code pid} inside the fake container.
   *
   * @param policy the scheduling policy (0 other, 1 FIFO)
   * @param processor the CPU it last ran on
   */
  public FakeProcTree containerThread(
      int pid,
      int tid,
      long startTime,
      long voluntary,
      long involuntary,
      long minflt,
      long majflt,
      long waitNanos,
      long migrations,
      int policy,
      int processor) {
    write(
        "proc/" + pid + "/cgroup",
        "0::/kubepods.slice/kubepods-pod"
            + POD_UID.replace('-', '_')
            + ".slice/cri-containerd-"
            + CONTAINER_ID
            + ".scope\n");
    String task = "proc/" + pid + "/task/" + tid + "/";
    write(
        task + "status",
        "Name:\tfeed\nCpus_allowed_list:\t"
            + processor
            + "\nvoluntary_ctxt_switches:\t"
            + voluntary
            + "\nnonvoluntary_ctxt_switches:\t"
            + involuntary
            + "\n");
    write(
        task + "stat",
        tid
            + " (feed worker) R 1 1 1 0 -1 4194304 "
            + minflt
            + " 0 "
            + majflt
            + " 0 0 0 0 0 20 0 1 0 "
            + startTime
            + " 0 0 1 1 1 1 0 0 0 0 0 0 0 0 0 17 "
            + processor
            + " 0 "
            + policy
            + " 0 0 0\n");
    write(task + "schedstat", "123456 " + waitNanos + " 9\n");
    return write(
        task + "sched",
        "feed (" + tid + ", #threads: 1)\n----\nse.nr_migrations    :   " + migrations + "\n");
  }
}
