package io.isocore.agent.noise;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.agent.probe.ProbeWindow;
import io.isocore.agent.telemetry.ContainerRef;
import io.isocore.agent.testing.KernelGate;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.noise.HeldCpuSlo;
import io.isocore.core.noise.NoisyCondition;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On the real kernel: a busy "owner" process, in a sandbox cgroup laid out as the kubelet lays out
 * a pod's container ({@code .../kubepods/burstable/pod<uid>/<64 hex>}, in the v1 {@code pids}
 * hierarchy, which limits nothing here), holds the last online CPU; then a competing busy process
 * (comm {@code isocore-rival}) is pinned to the same CPU. The held-CPU loop must find the owner by
 * its cgroup, measure its involuntary switches and run-queue wait there, and turn the CPU Noisy
 * with a thread as the top source. Only the sandbox cgroups and the two processes the test starts
 * are touched, and both are removed. Skipped, with the reason, without root, a writable cgroup v1
 * {@code pids} hierarchy, taskset or a second CPU.
 */
class HeldNoiseRealKernelTest {

  private static final Path PIDS = Path.of("/sys/fs/cgroup/pids");

  @TempDir Path tmp;

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  private static Process spin(Path shell, int cpu) throws IOException {
    return new ProcessBuilder(
            "taskset", "-c", Integer.toString(cpu), shell.toString(), "-c", "while :; do :; done")
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  @Test
  void aCompetingThreadOnTheOwnersCpuMakesItNoisy() throws Exception {
    KernelGate.require(
        "HeldNoiseRealKernelTest",
        "root".equals(System.getProperty("user.name")),
        "needs root to create a cgroup");
    KernelGate.require(
        "HeldNoiseRealKernelTest",
        Files.isWritable(PIDS.resolve("cgroup.procs")),
        "no writable cgroup v1 pids at " + PIDS);
    KernelGate.require(
        "HeldNoiseRealKernelTest",
        onPath("taskset") && onPath("sh"),
        "taskset or sh is not installed");
    CpuSet online =
        CpuSet.parse(Files.readString(Path.of("/sys/devices/system/cpu/online")).strip());
    KernelGate.require("HeldNoiseRealKernelTest", online.size() >= 2, "needs two online CPUs");
    int cpu = online.toList().get(online.size() - 1);

    String uid = UUID.randomUUID().toString();
    String hex = (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
    Path sandbox = PIDS.resolve("isocore-heldnoise-" + uid.substring(0, 8));
    List<Path> made = new ArrayList<>();
    Path leaf = sandbox;
    for (String part : List.of("", "kubepods", "burstable", "pod" + uid, hex)) {
      leaf = part.isEmpty() ? leaf : leaf.resolve(part);
      Files.createDirectory(leaf);
      made.add(0, leaf);
    }
    Path sh = Path.of("/bin/sh").toRealPath();
    Path owner = Files.createSymbolicLink(tmp.resolve("isocore-owner"), sh);
    Path rival = Files.createSymbolicLink(tmp.resolve("isocore-rival"), sh);
    List<Process> processes = new ArrayList<>();
    try {
      Process o = spin(owner, cpu);
      processes.add(o);
      Files.writeString(leaf.resolve("cgroup.procs"), Long.toString(o.pid()));
      ContainerRef ref = new ContainerRef("sandbox", "owner", "spin");
      HeldNoiseMonitor monitor =
          new HeldNoiseMonitor(
              Path.of("/"),
              key -> key.podUid().equals(uid) ? Optional.of(ref) : Optional.empty(),
              () -> Map.of(cpu, ref),
              () ->
                  new HeldNoiseMonitor.ProfileSlo(
                      HeldCpuSlo.of(null, 50L, 250L, 10L), Optional.empty()),
              new HeldNoiseMonitor.ProbeView() {
                @Override
                public List<ProbeWindow> lastWindows() {
                  return List.of();
                }

                @Override
                public CpuSet quarantined() {
                  return CpuSet.empty();
                }
              },
              Clock.systemUTC());
      Thread.sleep(500);
      monitor.window();
      processes.add(spin(rival, cpu));
      for (int i = 0; i < 6; i++) {
        Thread.sleep(2_200);
        monitor.window();
      }

      NoisyCondition c = monitor.noisy(CpuSet.of(cpu)).orElseThrow();
      System.out.println("owner and isocore-rival on CPU " + cpu + ": " + c);
      assertThat(c.status()).as(c.message()).isEqualTo("True");
      assertThat(c.reason()).isIn("InvoluntarySwitchesAboveSlo", "RunQueueWaitAboveSlo");
      assertThat(c.message()).startsWith("CPU " + cpu + ": ").contains("(thread)");
      assertThat(monitor.cpuHealth()).anySatisfy(h -> assertThat(h.cpu()).isEqualTo(cpu));
    } finally {
      for (Process p : processes) {
        p.destroyForcibly().waitFor();
      }
      for (Path dir : made) {
        for (int attempt = 0; attempt < 50 && Files.exists(dir); attempt++) {
          try {
            Files.delete(dir);
          } catch (IOException e) {
            Thread.sleep(100); // the killed process leaves its cgroup asynchronously
          }
        }
      }
    }
  }
}
