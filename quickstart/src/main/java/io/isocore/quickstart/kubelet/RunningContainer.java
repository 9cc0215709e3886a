package io.isocore.quickstart.kubelet;

import java.nio.file.Path;

/**
 * A container the kubelet stand-in started, as a local process or through the CRI.
 *
 * @param name the container name
 * @param image the container's image, which chose its workload
 * @param id the container id (as containerd reports it, without the scheme)
 * @param cgroup its cgroup, relative to the sandbox
 * @param pid the host pid of its first process (0 when the runtime did not say)
 * @param stats where the workload writes its statistics, on this machine
 * @param restarts how often the kubelet stand-in restarted it
 */
public record RunningContainer(
    String name, String image, String id, String cgroup, long pid, Path stats, int restarts) {

  /** Returns whether this container runs the latency workload. */
  public boolean latencyWorkload() {
    return image != null && image.startsWith(WorkloadCatalog.LATENCY_IMAGE);
  }
}
