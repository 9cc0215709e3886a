package io.isocore.quickstart.kubelet;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A stand-in for the kubelet on this machine: it syncs the pods bound to this node to a {@link
 * ContainerRuntime} (containerd's CRI, or local processes) with their pod cgroups in the cgroupfs
 * driver's layout inside the sandbox, reports them Running with their {@code containerd://}
 * container ids, and stops the pods that are gone. It is not the kubelet: no probes, no restarts,
 * no volumes beyond host paths and empty directories, no eviction.
 */
public final class LocalKubelet implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(LocalKubelet.class.getName());

  private final KubernetesClient client;
  private final String nodeName;
  private final ContainerRuntime runtime;
  private final Map<String, RunningPod> pods = new ConcurrentHashMap<>();
  private final Map<String, String> failures = new ConcurrentHashMap<>();
  private long syncs;
  private final ScheduledExecutorService loop =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "local-kubelet");
            t.setDaemon(true);
            return t;
          });

  /** Creates the kubelet of {@code nodeName}, running pods on {@code runtime}. */
  public LocalKubelet(KubernetesClient client, String nodeName, ContainerRuntime runtime) {
    this.client = client;
    this.nodeName = nodeName;
    this.runtime = runtime;
  }

  /** Starts syncing pods every 100 ms. */
  public void start() {
    loop.scheduleWithFixedDelay(this::sync, 0, 100, TimeUnit.MILLISECONDS);
  }

  /** Returns the pods running here, by namespace/name. */
  public Map<String, RunningPod> pods() {
    return Map.copyOf(pods);
  }

  /** Returns why pods could not start, by namespace/name (one line each). */
  public Map<String, String> failures() {
    return Map.copyOf(failures);
  }

  private void sync() {
    try {
      // The embedded API has no field selectors: filter on spec.nodeName here.
      List<Pod> bound =
          client.pods().inAnyNamespace().list().getItems().stream()
              .filter(p -> nodeName.equals(p.getSpec().getNodeName()))
              .toList();
      for (Pod pod : bound) {
        String key = key(pod);
        if (!pods.containsKey(key) && !failures.containsKey(key)) {
          start(key, pod);
        }
      }
      for (String key : List.copyOf(pods.keySet())) {
        if (bound.stream().noneMatch(p -> key.equals(key(p)))) {
          runtime.stop(pods.remove(key));
        }
      }
      if (++syncs % 10 == 0) {
        restartExited(bound);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "pod sync failed", e);
    }
  }

  /** Once a second, as the kubelet's pod workers do: restart containers that exited. */
  private void restartExited(List<Pod> bound) {
    for (Pod pod : bound) {
      RunningPod running = pods.get(key(pod));
      if (running != null) {
        RunningPod now = runtime.restartExited(pod, running);
        if (now != running) {
          pods.put(key(pod), now);
          reportRunning(pod, now);
        }
      }
    }
  }

  private void start(String key, Pod pod) {
    try {
      RunningPod running = runtime.start(pod, PodResources.podCgroup(pod));
      pods.put(key, running);
      reportRunning(pod, running);
    } catch (IOException | RuntimeException e) {
      // A refused pod is not retried: the quickstart shows the reason and runs on.
      failures.put(key, e.getMessage());
      LOG.log(Level.WARNING, "pod " + key + " did not start", e);
    }
  }

  private static String key(Pod pod) {
    return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
  }

  private void reportRunning(Pod pod, RunningPod running) {
    List<ContainerStatus> statuses = new ArrayList<>();
    for (RunningContainer c : running.containers()) {
      statuses.add(
          new ContainerStatusBuilder()
              .withName(c.name())
              .withImage(c.image())
              .withContainerID("containerd://" + c.id())
              .withReady(true)
              .withStarted(true)
              .withRestartCount(c.restarts())
              .withNewState()
              .withNewRunning(Instant.now().toString())
              .endState()
              .build());
    }
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

  /** Stops every pod. */
  @Override
  public void close() {
    loop.shutdownNow();
    try {
      loop.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    pods.values().forEach(runtime::stop);
    pods.clear();
  }
}
