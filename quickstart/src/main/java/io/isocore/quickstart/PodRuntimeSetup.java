package io.isocore.quickstart;

import io.isocore.quickstart.QuickstartOptions.PodRuntime;
import io.isocore.quickstart.agent.AgentPod;
import io.isocore.quickstart.containerd.Containerd;
import io.isocore.quickstart.containerd.ContainerdImages;
import io.isocore.quickstart.containerd.RuntimeUnavailableException;
import io.isocore.quickstart.containerd.StartHook;
import io.isocore.quickstart.kubelet.ContainerRuntime;
import io.isocore.quickstart.kubelet.CriContainers;
import io.isocore.quickstart.kubelet.CriRuntime;
import io.isocore.quickstart.kubelet.ProcessRuntime;
import io.isocore.quickstart.kubelet.Sandbox;
import io.isocore.quickstart.kubelet.WorkloadCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Chooses what runs the pods and says why in one line: containerd through its CRI where it is
 * installed and the sandbox is real, else local processes; {@code --runtime} forces one, and a
 * forced containerd that cannot serve fails the run with its reason.
 *
 * @param runtime what runs the pods
 * @param containerd the quickstart's own containerd, when it runs one
 * @param line the first line: {@code runtime: containerd 1.6.20 (CRI)}
 */
record PodRuntimeSetup(ContainerRuntime runtime, Optional<Containerd> containerd, String line) {

  /** Sets up the runtime for {@code options}. */
  static PodRuntimeSetup choose(
      QuickstartOptions options,
      Sandbox sandbox,
      Path root,
      Path work,
      String node,
      WorkloadCatalog workloads)
      throws RuntimeUnavailableException {
    ProcessRuntime processes = new ProcessRuntime(sandbox, workloads);
    if (options.runtime() == PodRuntime.PROCESS) {
      return new PodRuntimeSetup(processes, Optional.empty(), line(processes, "--runtime process"));
    }
    Optional<String> unavailable =
        options.dryRun()
            ? Optional.of("--dry-run: containerd runs pods only in the cgroup sandbox")
            : unavailable(sandbox);
    if (unavailable.isPresent()) {
      if (options.runtime() == PodRuntime.CONTAINERD) {
        throw new RuntimeUnavailableException(unavailable.get());
      }
      return new PodRuntimeSetup(processes, Optional.empty(), line(processes, unavailable.get()));
    }
    Containerd containerd = null;
    try {
      // No pins of an earlier run: the hook changes nothing until this run's agent writes them.
      deleteTree(work.resolve("agent-state/pins"));
      deleteTree(work.resolve("pin-hook.log"));
      // The agent writes its pins below its state directory (the chart's hostPath
      // /var/lib/isocore, mapped to agent-state): the hook reads them there.
      containerd =
          Containerd.start(
              work.resolve("containerd"),
              new StartHook(
                  root.resolve("node-agent/src/main/hook/isocore-pin-hook").toAbsolutePath(),
                  work.resolve("agent-state/pins").toAbsolutePath(),
                  Duration.ofSeconds(10),
                  work.resolve("pin-hook.log").toAbsolutePath()));
      Path javaHome = Path.of(System.getProperty("java.home"));
      ContainerdImages.buildAndImport(
          containerd,
          root.resolve("quickstart/images/build-images.sh"),
          work.resolve("images"),
          javaHome,
          workloadClasspath(work.resolve("images/classpath")));
      CriContainers containers =
          new CriContainers(
              node, javaHome, workloads.logDir(), AgentPod.hostPaths(work.resolve("agent-state")));
      CriRuntime cri =
          new CriRuntime(containerd.cri(), containerd.version(), sandbox, node, containers);
      return new PodRuntimeSetup(cri, Optional.of(containerd), "runtime: " + cri.describe());
    } catch (RuntimeUnavailableException e) {
      if (containerd != null) {
        containerd.close();
      }
      if (options.runtime() == PodRuntime.CONTAINERD) {
        throw e;
      }
      return new PodRuntimeSetup(processes, Optional.empty(), line(processes, e.getMessage()));
    }
  }

  private static String line(ContainerRuntime runtime, String why) {
    return "runtime: " + runtime.describe() + " (" + why + ")";
  }

  /** Why containerd cannot run pods here, if it cannot. */
  static Optional<String> unavailable(Sandbox sandbox) {
    List<String> missing = Containerd.missingBinaries();
    if (!missing.isEmpty()) {
      return Optional.of("containerd not found");
    }
    return sandbox
        .dryRunReason()
        .map(reason -> "containerd needs the cgroup sandbox, and enforcement runs dry: " + reason);
  }

  private static void deleteTree(Path dir) throws RuntimeUnavailableException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new RuntimeUnavailableException("removing the last run's pins: " + e.getMessage(), e);
    }
  }

  /** The workloads' jars for the workload image: the quickstart's own and HdrHistogram. */
  private static Path workloadClasspath(Path dir) throws RuntimeUnavailableException {
    try {
      Files.createDirectories(dir);
      for (Class<?> type : List.of(QuickstartMain.class, org.HdrHistogram.Histogram.class)) {
        Path jar = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (!Files.isRegularFile(jar)) {
          throw new RuntimeUnavailableException(
              "workload image: " + jar + " is not a jar (run the packaged quickstart)");
        }
        Files.copy(jar, dir.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
      return dir;
    } catch (IOException | java.net.URISyntaxException e) {
      throw new RuntimeUnavailableException("workload image: " + e.getMessage(), e);
    }
  }
}
