package io.isocore.quickstart.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs each container as a local process in its own cgroup of the sandbox, laid out as the cgroupfs
 * driver with containerd would ({@code kubepods/pod<uid>/<container id>}), so the agent finds it as
 * on a node. The fallback where containerd is not installed.
 */
public final class ProcessRuntime implements ContainerRuntime {

  private final Sandbox sandbox;
  private final WorkloadCatalog workloads;
  private final Random ids = new Random();
  private final Map<String, Process> processes = new ConcurrentHashMap<>();

  /** Creates the runtime running {@code workloads} in {@code sandbox}. */
  public ProcessRuntime(Sandbox sandbox, WorkloadCatalog workloads) {
    this.sandbox = sandbox;
    this.workloads = workloads;
  }

  @Override
  public RunningPod start(Pod pod, String podCgroup) throws IOException {
    List<RunningContainer> containers = new ArrayList<>();
    for (Container container : pod.getSpec().getContainers()) {
      byte[] bytes = new byte[32];
      ids.nextBytes(bytes);
      String id = HexFormat.of().formatHex(bytes);
      String cgroup = podCgroup + "/" + id;
      sandbox.createCgroup(cgroup);
      Path log =
          workloads.logDir().resolve(pod.getMetadata().getName() + "-" + container.getName());
      Files.createDirectories(log.getParent());
      List<String> command = workloads.command(container, log);
      List<String> shell = new ArrayList<>(sandbox.joinCommands(cgroup));
      shell.add("exec " + String.join(" ", command));
      ProcessBuilder builder =
          new ProcessBuilder("sh", "-c", String.join(" && ", shell))
              .redirectErrorStream(true)
              .redirectOutput(log.resolveSibling(log.getFileName() + ".out").toFile());
      builder.environment().putAll(environment(pod, container));
      Process process = builder.start();
      processes.put(id, process);
      containers.add(
          new RunningContainer(
              container.getName(), container.getImage(), id, cgroup, process.pid(), log, 0));
    }
    return new RunningPod(
        pod.getMetadata().getNamespace(),
        pod.getMetadata().getName(),
        pod.getMetadata().getUid(),
        "",
        containers);
  }

  /**
   * The container's env values and its downward-API annotations (the latency workload reads its
   * exclusive CPUs from one), as the CRI stand-in gives them.
   */
  static Map<String, String> environment(Pod pod, Container container) {
    Map<String, String> env = new java.util.HashMap<>();
    if (container.getEnv() == null) {
      return env;
    }
    Map<String, String> annotations =
        pod.getMetadata().getAnnotations() == null ? Map.of() : pod.getMetadata().getAnnotations();
    java.util.regex.Pattern annotation =
        java.util.regex.Pattern.compile("metadata\\.annotations\\['([^']+)'\\]");
    for (var e : container.getEnv()) {
      if (e.getValue() != null) {
        env.put(e.getName(), e.getValue());
      } else if (e.getValueFrom() != null && e.getValueFrom().getFieldRef() != null) {
        var m = annotation.matcher(e.getValueFrom().getFieldRef().getFieldPath());
        if (m.matches()) {
          env.put(e.getName(), annotations.getOrDefault(m.group(1), ""));
        }
      }
    }
    return env;
  }

  /** Stops the processes: SIGTERM, then SIGKILL after a second. */
  @Override
  public void stop(RunningPod pod) {
    for (RunningContainer c : pod.containers()) {
      Process process = processes.remove(c.id());
      if (process == null) {
        continue;
      }
      process.destroy();
      try {
        if (!process.waitFor(1, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public String describe() {
    return "local processes";
  }
}
