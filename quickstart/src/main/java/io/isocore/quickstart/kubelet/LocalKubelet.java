package io.isocore.quickstart.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A stand-in for the kubelet on this machine: pods bound to this node run as local processes, each
 * container in its own cgroup in the sandbox, laid out as the cgroupfs driver with containerd would
 * (so the agent finds them exactly as on a real node), and reported Running with their container
 * ids.
 */
public final class LocalKubelet implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(LocalKubelet.class.getName());

  private final KubernetesClient client;
  private final String nodeName;
  private final Sandbox sandbox;
  private final WorkloadCatalog workloads;
  private final Map<String, RunningPod> pods = new ConcurrentHashMap<>();
  private final Random ids = new Random();
  private final ScheduledExecutorService loop =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "local-kubelet");
            t.setDaemon(true);
            return t;
          });

  /** Creates the kubelet of {@code nodeName}. */
  public LocalKubelet(
      KubernetesClient client, String nodeName, Sandbox sandbox, WorkloadCatalog workloads) {
    this.client = client;
    this.nodeName = nodeName;
    this.sandbox = sandbox;
    this.workloads = workloads;
  }

  /** Starts syncing pods every 100 ms. */
  public void start() {
    loop.scheduleWithFixedDelay(this::sync, 0, 100, TimeUnit.MILLISECONDS);
  }

  /** Returns the pods running here, by namespace/name. */
  public Map<String, RunningPod> pods() {
    return Map.copyOf(pods);
  }

  private void sync() {
    try {
      // The embedded API has no field selectors: filter on spec.nodeName here.
      List<Pod> bound =
          client.pods().inAnyNamespace().list().getItems().stream()
              .filter(p -> nodeName.equals(p.getSpec().getNodeName()))
              .toList();
      for (Pod pod : bound) {
        String key = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
        if (!pods.containsKey(key)) {
          pods.put(key, run(pod));
        }
      }
      for (String key : List.copyOf(pods.keySet())) {
        boolean present =
            bound.stream()
                .anyMatch(
                    p ->
                        key.equals(
                            p.getMetadata().getNamespace() + "/" + p.getMetadata().getName()));
        if (!present) {
          pods.remove(key).stop();
        }
      }
    } catch (RuntimeException | IOException e) {
      LOG.log(Level.WARNING, "pod sync failed", e);
    }
  }

  private RunningPod run(Pod pod) throws IOException {
    String podCgroup = "kubepods/" + qosDir(pod) + "pod" + pod.getMetadata().getUid();
    List<RunningContainer> containers = new ArrayList<>();
    List<ContainerStatus> statuses = new ArrayList<>();
    for (Container container : pod.getSpec().getContainers()) {
      String id = HexFormat.of().formatHex(randomBytes(32));
      String cgroup = podCgroup + "/" + id;
      sandbox.createCgroup(cgroup);
      Path log =
          workloads.logDir().resolve(pod.getMetadata().getName() + "-" + container.getName());
      Files.createDirectories(log.getParent());
      List<String> command = workloads.command(container, log);
      List<String> shell = new ArrayList<>(sandbox.joinCommands(cgroup));
      shell.add("exec " + String.join(" ", command));
      Process process =
          new ProcessBuilder("sh", "-c", String.join(" && ", shell))
              .redirectErrorStream(true)
              .redirectOutput(log.resolveSibling(log.getFileName() + ".out").toFile())
              .start();
      containers.add(
          new RunningContainer(
              container.getName(), container.getImage(), id, cgroup, process, log));
      statuses.add(
          new ContainerStatusBuilder()
              .withName(container.getName())
              .withImage(container.getImage())
              .withContainerID("containerd://" + id)
              .withReady(true)
              .withStarted(true)
              .withRestartCount(0)
              .withNewState()
              .withNewRunning(Instant.now().toString())
              .endState()
              .build());
    }
    reportRunning(pod, statuses);
    return new RunningPod(
        pod.getMetadata().getNamespace(), pod.getMetadata().getName(), containers);
  }

  private void reportRunning(Pod pod, List<ContainerStatus> statuses) {
    Pod current =
        client
            .pods()
            .inNamespace(pod.getMetadata().getNamespace())
            .withName(pod.getMetadata().getName())
            .get();
    if (current == null) {
      return;
    }
    PodStatus status = current.getStatus() == null ? new PodStatus() : current.getStatus();
    status.setPhase("Running");
    status.setHostIP("127.0.0.1");
    status.setPodIP("127.0.0.1");
    status.setStartTime(Instant.now().toString());
    status.setContainerStatuses(statuses);
    current.setStatus(status);
    client
        .pods()
        .inNamespace(current.getMetadata().getNamespace())
        .resource(current)
        .updateStatus();
  }

  private static String qosDir(Pod pod) {
    boolean guaranteed =
        pod.getSpec().getContainers().stream()
            .allMatch(
                c ->
                    c.getResources() != null
                        && c.getResources().getLimits() != null
                        && c.getResources().getRequests() != null
                        && c.getResources().getLimits().containsKey("cpu")
                        && c.getResources().getLimits().containsKey("memory")
                        && c.getResources()
                            .getLimits()
                            .get("cpu")
                            .equals(c.getResources().getRequests().get("cpu"))
                        && c.getResources()
                            .getLimits()
                            .get("memory")
                            .equals(c.getResources().getRequests().get("memory")));
    return guaranteed ? "" : "burstable/";
  }

  private byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    ids.nextBytes(bytes);
    return bytes;
  }

  /** Stops every pod's processes. */
  @Override
  public void close() {
    loop.shutdownNow();
    try {
      loop.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    pods.values().forEach(RunningPod::stop);
    pods.clear();
  }
}
