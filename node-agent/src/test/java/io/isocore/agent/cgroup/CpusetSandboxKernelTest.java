package io.isocore.agent.cgroup;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.agent.enforce.CpusetPlanApplier;
import io.isocore.agent.testing.KernelGate;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.enforce.CgroupTree;
import io.isocore.core.enforce.CpusetPlan;
import io.isocore.core.enforce.CpusetPlanner;
import io.isocore.core.enforce.CpusetValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The real kernel, in a sandbox: creates {@code /sys/fs/cgroup/cpuset/isocore-test-<random>} with a
 * {@code latency} and a {@code noisy} child, starts real multi-threaded processes in each, applies
 * an allocation (latency exclusive on the highest CPU, noisy on the rest) through {@link
 * CgroupV1Cpuset}, the planner and the applier, reads every thread's {@code Cpus_allowed_list} from
 * {@code /proc}, releases, and removes the sandbox. It touches no cgroup it did not create.
 * Skipped, with the reason printed, where not root or without a writable v1 cpuset hierarchy.
 */
class CpusetSandboxKernelTest {

  private static final Path CGROUPFS = Path.of("/sys/fs/cgroup");

  /** A process with three threads that sleep, so "every thread" means more than one. */
  private static final String THREADS =
      "import threading,time\n"
          + "for _ in range(2): threading.Thread(target=time.sleep, args=(600,), daemon=True).start()\n"
          + "time.sleep(600)\n";

  @Test
  void latencyGetsItsCpuAloneAndNoisyTheRestThenBothGetEverythingBack() throws Exception {
    String why = unavailable();
    KernelGate.require("CpusetSandboxKernelTest", Optional.ofNullable(why));
    CgroupV1Cpuset cgroups = new CgroupV1Cpuset(CGROUPFS);
    CpuSet online = cgroups.cpusEffective("");
    CpuSet mems = cgroups.memsEffective("");
    KernelGate.require(
        "CpusetSandboxKernelTest",
        online.size() >= 2,
        "needs 2 CPUs, the root cpuset has " + online);
    CpuSet exclusive = CpuSet.of(online.last());
    CpuSet shared = online.minus(exclusive);
    String sandbox = "isocore-test-" + UUID.randomUUID().toString().substring(0, 8);
    String latency = sandbox + "/latency";
    String noisy = sandbox + "/noisy";
    Path dir = cgroups.cpusetDir(sandbox);
    List<Process> processes = new ArrayList<>();
    try {
      Files.createDirectory(dir);
      Files.createDirectory(cgroups.cpusetDir(latency));
      Files.createDirectory(cgroups.cpusetDir(noisy));
      // New v1 cgroups have empty cpus and mems: the first plan sets both before any task joins.
      CpusetPlanApplier applier = new CpusetPlanApplier(cgroups);
      CpusetValue everything = new CpusetValue(online, mems);
      CpusetPlan setup = CpusetPlanner.plan(scan(cgroups, sandbox), Map.of(), everything);
      assertThat(applier.apply(setup).stopped()).isEmpty();

      Process lat = start(processes);
      Process noise = start(processes);
      cgroups.attach(latency, lat.pid());
      cgroups.attach(noisy, noise.pid());
      ThreadAffinityReader proc = new ThreadAffinityReader(Path.of("/proc"));
      awaitThreads(proc, lat.pid());
      awaitThreads(proc, noise.pid());

      CpusetPlan allocate =
          CpusetPlanner.plan(
              scan(cgroups, sandbox),
              Map.of(latency, new CpusetValue(exclusive, mems)),
              new CpusetValue(shared, mems));
      System.out.println("sandbox " + dir + " plan: " + allocate.writes());
      assertThat(applier.apply(allocate).stopped()).isEmpty();

      assertThat(cgroups.cpusEffective(latency)).isEqualTo(exclusive);
      assertThat(cgroups.cpusEffective(noisy)).isEqualTo(shared);
      List<ThreadAffinity> latThreads = proc.threads(lat.pid());
      List<ThreadAffinity> noiseThreads = proc.threads(noise.pid());
      System.out.println("latency threads " + latThreads + "; noisy threads " + noiseThreads);
      assertThat(latThreads).hasSize(3).allMatch(t -> t.allowed().equals(exclusive));
      assertThat(noiseThreads).hasSize(3).allMatch(t -> t.allowed().equals(shared));
      assertThat(
              CpusetPlanner.plan(
                      scan(cgroups, sandbox),
                      Map.of(latency, new CpusetValue(exclusive, mems)),
                      new CpusetValue(shared, mems))
                  .isEmpty())
          .as("a second pass over the applied sandbox plans no write")
          .isTrue();

      CpusetPlan release = CpusetPlanner.plan(scan(cgroups, sandbox), Map.of(), everything);
      assertThat(applier.apply(release).stopped()).isEmpty();
      assertThat(proc.threads(lat.pid())).hasSize(3).allMatch(t -> t.allowed().equals(online));
      assertThat(proc.threads(noise.pid())).hasSize(3).allMatch(t -> t.allowed().equals(online));
    } finally {
      for (Process p : processes) {
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
      }
      removeSandbox(cgroups, sandbox, latency, noisy);
    }
  }

  private static CgroupTree scan(CgroupV1Cpuset cgroups, String sandbox) throws IOException {
    return new CgroupTreeScanner(cgroups).scan(sandbox);
  }

  private static Process start(List<Process> processes) throws IOException {
    Process p = new ProcessBuilder("python3", "-c", THREADS).redirectErrorStream(true).start();
    processes.add(p);
    return p;
  }

  private static void awaitThreads(ThreadAffinityReader proc, long pid) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (proc.threads(pid).size() < 3) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("process " + pid + " did not start its 3 threads");
      }
      Thread.sleep(20);
    }
  }

  /** rmdir of the sandbox's own cgroups, children first; retried while exiting tasks drain. */
  private static void removeSandbox(CgroupV1Cpuset cgroups, String... paths) throws Exception {
    for (String path : List.of(paths[1], paths[2], paths[0])) {
      Path dir = cgroups.cpusetDir(path);
      for (int attempt = 0; Files.exists(dir); attempt++) {
        try {
          Files.delete(dir);
        } catch (IOException e) {
          if (attempt > 50) {
            throw new AssertionError("could not remove sandbox cgroup " + dir, e);
          }
          Thread.sleep(100);
        }
      }
    }
  }

  private static String unavailable() {
    if (!"root".equals(System.getProperty("user.name"))) {
      return "not root (user " + System.getProperty("user.name") + ")";
    }
    Path cpuset = CGROUPFS.resolve("cpuset");
    if (!Files.isRegularFile(cpuset.resolve("cpuset.cpus"))) {
      return "no cgroup v1 cpuset hierarchy at " + cpuset;
    }
    if (!Files.isWritable(cpuset)) {
      return cpuset + " is not writable";
    }
    try {
      new ProcessBuilder("python3", "-c", "pass").start().waitFor();
    } catch (Exception e) {
      return "python3 is needed to start multi-threaded test processes: " + e.getMessage();
    }
    return null;
  }
}
