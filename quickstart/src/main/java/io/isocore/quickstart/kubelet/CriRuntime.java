package io.isocore.quickstart.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.isocore.quickstart.cri.CriClient;
import io.isocore.quickstart.cri.CriException;
import io.isocore.quickstart.cri.v1.ContainerConfig;
import io.isocore.quickstart.cri.v1.ContainerState;
import io.isocore.quickstart.cri.v1.LinuxPodSandboxConfig;
import io.isocore.quickstart.cri.v1.LinuxSandboxSecurityContext;
import io.isocore.quickstart.cri.v1.NamespaceMode;
import io.isocore.quickstart.cri.v1.NamespaceOption;
import io.isocore.quickstart.cri.v1.PodSandboxConfig;
import io.isocore.quickstart.cri.v1.PodSandboxMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs pods through containerd's CRI as the kubelet does: it creates the pod cgroup with the
 * kubelet's values, then {@code RunPodSandbox} with that cgroup parent and the host's network (no
 * CNI), {@code CreateContainer} with each container's resources (never a cpuset), {@code
 * StartContainer}; on deletion {@code StopPodSandbox} and {@code RemovePodSandbox}.
 */
public final class CriRuntime implements ContainerRuntime {

  private static final Logger LOG = Logger.getLogger(CriRuntime.class.getName());

  private final CriClient cri;
  private final String runtimeVersion;
  private final Sandbox sandbox;
  private final String nodeName;
  private final CriContainers containers;

  /**
   * Creates the runtime.
   *
   * @param cri the client of containerd's CRI
   * @param runtimeVersion "containerd 1.6.20"
   * @param sandbox the cgroup sandbox pods run in
   * @param nodeName this node, the pods' hostname
   * @param containers turns pod containers into CRI container configs
   */
  public CriRuntime(
      CriClient cri,
      String runtimeVersion,
      Sandbox sandbox,
      String nodeName,
      CriContainers containers) {
    this.cri = cri;
    this.runtimeVersion = runtimeVersion;
    this.sandbox = sandbox;
    this.nodeName = nodeName;
    this.containers = containers;
  }

  @Override
  public RunningPod start(Pod pod, String podCgroup) throws IOException {
    sandbox.createPodCgroup(podCgroup, PodResources.of(pod));
    PodSandboxConfig config = sandboxConfig(pod, podCgroup);
    Files.createDirectories(Path.of(config.getLogDirectory()));
    String sandboxId;
    try {
      sandboxId = cri.runPodSandbox(config);
    } catch (CriException e) {
      sandbox.removePodCgroup(podCgroup);
      throw e;
    }
    List<RunningContainer> running = new ArrayList<>();
    try {
      for (Container container : pod.getSpec().getContainers()) {
        running.add(run(pod, container, sandboxId, config, podCgroup, 0));
      }
    } catch (CriException e) {
      remove(sandboxId, podCgroup);
      throw e;
    }
    return new RunningPod(
        pod.getMetadata().getNamespace(),
        pod.getMetadata().getName(),
        pod.getMetadata().getUid(),
        sandboxId,
        running);
  }

  private RunningContainer run(
      Pod pod,
      Container container,
      String sandboxId,
      PodSandboxConfig sandboxConfig,
      String podCgroup,
      int attempt)
      throws IOException {
    ContainerConfig config = containers.config(pod, container, attempt);
    String id = cri.createContainer(sandboxId, config, sandboxConfig);
    cri.startContainer(id);
    return new RunningContainer(
        container.getName(),
        container.getImage(),
        id,
        podCgroup + "/" + id,
        cri.containerPid(id),
        containers.statsFile(pod, container),
        attempt);
  }

  @Override
  public RunningPod restartExited(Pod pod, RunningPod running) {
    List<RunningContainer> now = new ArrayList<>();
    boolean changed = false;
    for (RunningContainer c : running.containers()) {
      ContainerState state = cri.containerStatus(c.id()).getStatus().getState();
      if (state != ContainerState.CONTAINER_EXITED) {
        now.add(c);
        continue;
      }
      Container spec =
          pod.getSpec().getContainers().stream()
              .filter(s -> s.getName().equals(c.name()))
              .findFirst()
              .orElseThrow();
      String podCgroup = c.cgroup().substring(0, c.cgroup().lastIndexOf('/'));
      try {
        cri.removeContainer(c.id());
        now.add(
            run(
                pod,
                spec,
                running.sandboxId(),
                sandboxConfig(pod, podCgroup),
                podCgroup,
                c.restarts() + 1));
        changed = true;
      } catch (IOException | CriException e) {
        LOG.log(Level.WARNING, "restarting " + running.name() + "/" + c.name(), e);
        now.add(c);
      }
    }
    return changed
        ? new RunningPod(
            running.namespace(), running.name(), running.uid(), running.sandboxId(), now)
        : running;
  }

  private PodSandboxConfig sandboxConfig(Pod pod, String podCgroup) {
    String uid = pod.getMetadata().getUid();
    return PodSandboxConfig.newBuilder()
        .setMetadata(
            PodSandboxMetadata.newBuilder()
                .setName(pod.getMetadata().getName())
                .setNamespace(pod.getMetadata().getNamespace())
                .setUid(uid)
                .setAttempt(0))
        // No hostname: with the host's network the pod shares the host's UTS namespace too, and
        // runc refuses to set a hostname there.
        .setLogDirectory(containers.podLogDir(pod).toAbsolutePath().toString())
        .putLabels("io.kubernetes.pod.name", pod.getMetadata().getName())
        .putLabels("io.kubernetes.pod.namespace", pod.getMetadata().getNamespace())
        .putLabels("io.kubernetes.pod.uid", uid)
        // The kubelet passes the pod's annotations (the runtime's pod_annotations picks some).
        .putAllAnnotations(
            pod.getMetadata().getAnnotations() == null
                ? Map.of()
                : pod.getMetadata().getAnnotations())
        .setLinux(
            LinuxPodSandboxConfig.newBuilder()
                .setCgroupParent(sandbox.cgroupParent(podCgroup))
                .setSecurityContext(
                    LinuxSandboxSecurityContext.newBuilder()
                        .setNamespaceOptions(
                            NamespaceOption.newBuilder()
                                .setNetwork(NamespaceMode.NODE)
                                .setPid(pidMode(pod))
                                .setIpc(NamespaceMode.POD))))
        .build();
  }

  /**
   * The PID namespace the kubelet asks for: the host's with {@code hostPID}, the pod's with {@code
   * shareProcessNamespace}, else the container's own.
   */
  static NamespaceMode pidMode(Pod pod) {
    if (Boolean.TRUE.equals(pod.getSpec().getHostPID())) {
      return NamespaceMode.NODE;
    }
    return Boolean.TRUE.equals(pod.getSpec().getShareProcessNamespace())
        ? NamespaceMode.POD
        : NamespaceMode.CONTAINER;
  }

  /** Stops the containers (2 s grace), then the sandbox, then removes both and the pod cgroup. */
  @Override
  public void stop(RunningPod pod) {
    try {
      for (RunningContainer c : pod.containers()) {
        cri.stopContainer(c.id(), 2);
      }
    } catch (CriException e) {
      LOG.log(Level.WARNING, "stopping " + pod.name() + ": " + e.getMessage());
    }
    String podCgroup = pod.containers().isEmpty() ? null : parent(pod.containers().getFirst());
    remove(pod.sandboxId(), podCgroup);
  }

  private static String parent(RunningContainer c) {
    return c.cgroup().substring(0, c.cgroup().lastIndexOf('/'));
  }

  private void remove(String sandboxId, String podCgroup) {
    try {
      cri.stopPodSandbox(sandboxId);
      cri.removePodSandbox(sandboxId);
    } catch (CriException e) {
      System.err.println("isocore quickstart: " + e.getMessage());
    }
    if (podCgroup != null) {
      sandbox.removePodCgroup(podCgroup);
    }
  }

  @Override
  public String describe() {
    return runtimeVersion + " (CRI)";
  }
}
