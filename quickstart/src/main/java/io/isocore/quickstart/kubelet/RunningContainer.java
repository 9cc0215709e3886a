package io.isocore.quickstart.kubelet;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A container run as a local process.
 *
 * @param name the container name
 * @param image the container's image, which chose its workload
 * @param id the container id (as containerd would report it, without the scheme)
 * @param cgroup its cgroup, relative to the sandbox
 * @param process the process
 * @param stats where the workload writes its statistics
 */
public record RunningContainer(
    String name, String image, String id, String cgroup, Process process, Path stats) {

  /** Returns whether this container runs the latency workload. */
  public boolean latencyWorkload() {
    return image != null && image.startsWith(WorkloadCatalog.LATENCY_IMAGE);
  }

  /** Stops the process: SIGTERM, then SIGKILL after a second. */
  public void stop() {
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
