package io.isocore.agent.probe;

import io.isocore.agent.cgroup.CgroupHierarchy;
import io.isocore.agent.cgroup.ProbeCgroup;
import io.isocore.agent.host.HostRoot;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.profile.ProbeSchedule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The agent's probe code path in a JVM of its own, started by {@link ProbeInContainerKernelTest}
 * inside a container cgroup of a sandbox kubepods tree: the pinning the agent builds ({@link
 * CgroupPinning} over the hierarchy at {@code args[0]}, as {@code isocore.enforce.cgroup-root}),
 * one window on CPU {@code args[1]} of {@code args[2]} ms. {@code args[3] = libc} pins by affinity
 * alone (the agent before the probe cgroup). Prints what the test reads: the probe thread's id, the
 * window, and where the thread is afterwards.
 */
public final class ProbeSandboxChild {

  private ProbeSandboxChild() {}

  public static void main(String[] args) throws Exception {
    Path cgroupRoot = Path.of(args[0]);
    int cpu = Integer.parseInt(args[1]);
    Duration window = Duration.ofMillis(Long.parseLong(args[2]));
    boolean libc = args.length > 3 && args[3].equals("libc");
    for (int i = 0; i < 3; i++) {
      // Other agent threads, as the JVM and Quarkus have: they must stay where they are.
      Thread.ofPlatform().daemon().start(() -> sleep(Duration.ofMinutes(5)));
    }
    CgroupHierarchy hierarchy =
        CgroupHierarchy.forEnforcement(HostRoot.of("/"), Optional.of(cgroupRoot));
    Pinning pinning = libc ? Pinning.LIBC : new CgroupPinning(hierarchy, ProcessThreads.SELF);
    ProbeSchedule schedule = new ProbeSchedule(true, Duration.ofSeconds(300), window, 1_000);
    Thread probe =
        Thread.ofPlatform()
            .name("isocore-jitter-probe")
            .start(
                () -> {
                  System.out.println("PROBE-TID " + ProcessThreads.SELF.currentTid());
                  JitterProbe p =
                      new JitterProbe(
                          new JitterProbe.Inputs(
                              () ->
                                  Optional.of(
                                      new ProbePlan(
                                          CpuSet.of(cpu), schedule, OptionalLong.empty())),
                              CpuSet::empty,
                              pinning,
                              System::nanoTime,
                              Clock.systemUTC(),
                              c -> -1,
                              () -> 0),
                          new ProbeResults(),
                          List.of(
                              (w, h, q) ->
                                  System.out.printf(
                                      "WINDOW cpu=%d iterations=%d gaps=%d maxNanos=%d%n",
                                      w.cpu(), w.iterations(), w.gaps(), w.maxGapNanos())),
                          Duration.ofMillis(500),
                          Duration.ZERO);
                  p.step();
                  System.out.println("AFTER " + Affinity.currentThread().toListString());
                  System.out.println(
                      "PROBE-CGROUP-LEFT "
                          + Files.exists(hierarchy.cpusetRoot().resolve(ProbeCgroup.NAME)));
                });
    probe.join();
    System.out.flush();
    System.exit(0);
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
