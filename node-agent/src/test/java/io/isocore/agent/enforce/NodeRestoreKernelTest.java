package io.isocore.agent.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.agent.host.HostRoot;
import io.isocore.agent.irq.AffinityWriter;
import io.isocore.agent.testing.KernelGate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The uninstall restore on the real kernel, in a sandbox: {@code
 * /sys/fs/cgroup/cpuset/isocore-restore-test-<random>} (and the same name in the cpu hierarchy)
 * stands for the hierarchy roots, with a {@code kubepods} cgroup and a real, empty {@code
 * isocore-probe} cgroup in each, as a kill in the middle of a window leaves them. The restore
 * removes both; one with a live process of this test in it is kept and named. Only the sandbox's
 * cgroups and the test's own {@code sleep} are touched; the sandbox goes at the end. Skipped,
 * saying why, without root or a writable v1 cpuset hierarchy. No IRQ is touched (no state file).
 */
class NodeRestoreKernelTest {

  private static final Path CPUSET = Path.of("/sys/fs/cgroup/cpuset");
  private static final Path CPU = Path.of("/sys/fs/cgroup/cpu");

  @TempDir Path tmp;

  private final List<Path> created = new ArrayList<>();

  @Test
  void theEmptyProbeCgroupsAreRemovedAndOneWithAProcessIsKept() throws Exception {
    skipUnlessPermitted();
    String name = "isocore-restore-test-" + UUID.randomUUID().toString().substring(0, 8);
    Path sandbox = CPUSET.resolve(name);
    boolean withCpu = Files.isRegularFile(CPU.resolve("cpu.shares"));
    Process sleep = null;
    try {
      Path cgroupRoot = Files.createDirectories(tmp.resolve("cgroup-root"));
      cpuset(sandbox);
      cpuset(sandbox.resolve("kubepods"));
      Path probe = cpuset(sandbox.resolve("isocore-probe"));
      Files.createSymbolicLink(cgroupRoot.resolve("cpuset"), sandbox);
      Path cpuProbe = null;
      if (withCpu) {
        mkdir(CPU.resolve(name));
        cpuProbe = mkdir(CPU.resolve(name).resolve("isocore-probe"));
        Files.createSymbolicLink(cgroupRoot.resolve("cpu"), CPU.resolve(name));
      }
      // In use: a process of this test inside it is kept, and the restore says so.
      sleep = new ProcessBuilder("sleep", "60").start();
      Files.writeString(probe.resolve("cgroup.procs"), Long.toString(sleep.pid()));

      NodeRestore.Result kept = restore(cgroupRoot);

      assertThat(kept.failure()).as(String.join("\n", kept.lines())).isEmpty();
      assertThat(probe).isDirectory();
      String pid = Long.toString(sleep.pid());
      // The restore names it as it sees it: through the cgroup root it was given.
      Path seen = cgroupRoot.resolve("cpuset/isocore-probe");
      assertThat(kept.lines())
          .anyMatch(l -> l.startsWith("probe cgroup: kept " + seen) && l.contains(pid));

      sleep.destroy();
      sleep.waitFor(10, TimeUnit.SECONDS);
      awaitEmpty(probe);

      NodeRestore.Result removed = restore(cgroupRoot);

      assertThat(removed.failure()).as(String.join("\n", removed.lines())).isEmpty();
      assertThat(probe).doesNotExist();
      assertThat(removed.lines())
          .contains("probe cgroup: removed the empty " + seen + " a killed agent left");
      if (cpuProbe != null) {
        assertThat(cpuProbe).doesNotExist();
      }
      assertThat(sandbox.resolve("kubepods")).as("nothing else is removed").isDirectory();
    } finally {
      if (sleep != null) {
        sleep.destroyForcibly();
        sleep.waitFor(10, TimeUnit.SECONDS);
      }
      cleanUp();
    }
  }

  private static NodeRestore.Result restore(Path cgroupRoot) {
    return new NodeRestore(
            new HostRoot(Path.of("/")),
            Optional.of(cgroupRoot),
            cgroupRoot.resolveSibling("no-irq-state"),
            AffinityWriter.FILES,
            Clock.systemUTC())
        .run();
  }

  private Path cpuset(Path dir) throws IOException {
    mkdir(dir);
    Files.writeString(
        dir.resolve("cpuset.cpus"), Files.readString(dir.getParent().resolve("cpuset.cpus")));
    Files.writeString(
        dir.resolve("cpuset.mems"), Files.readString(dir.getParent().resolve("cpuset.mems")));
    return dir;
  }

  private Path mkdir(Path dir) throws IOException {
    Files.createDirectory(dir);
    created.add(dir);
    return dir;
  }

  private static void awaitEmpty(Path cgroup) throws Exception {
    for (int i = 0; i < 100; i++) {
      if (Files.readString(cgroup.resolve("cgroup.procs")).isBlank()) {
        return;
      }
      Thread.sleep(50);
    }
  }

  /** Removes what this test created and is still there, children first. */
  private void cleanUp() {
    for (int i = created.size() - 1; i >= 0; i--) {
      try {
        Files.deleteIfExists(created.get(i));
      } catch (IOException e) {
        System.out.println("NodeRestoreKernelTest: could not remove " + created.get(i) + ": " + e);
      }
    }
  }

  private static void skipUnlessPermitted() {
    String why = null;
    if (!"root".equals(System.getProperty("user.name"))) {
      why = "not root: cgroups cannot be written";
    } else if (!Files.isWritable(CPUSET.resolve("cpuset.cpus"))) {
      why = "no writable cgroup v1 cpuset hierarchy at " + CPUSET;
    }
    KernelGate.require("NodeRestoreKernelTest", Optional.ofNullable(why));
  }
}
