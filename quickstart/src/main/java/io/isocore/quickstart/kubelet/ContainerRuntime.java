package io.isocore.quickstart.kubelet;

import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;

/** What runs a pod's containers for the kubelet stand-in: local processes or containerd's CRI. */
public interface ContainerRuntime extends AutoCloseable {

  /**
   * Runs every container of {@code pod} in the pod cgroup {@code podCgroup} (relative to the
   * sandbox, in the kubelet's cgroupfs layout: {@code kubepods/burstable/pod<uid>}).
   */
  RunningPod start(Pod pod, String podCgroup) throws IOException;

  /**
   * Restarts the pod's containers that exited (restartPolicy Always, as the kubelet does) and
   * returns the pod as it now runs; the same pod when nothing exited.
   */
  default RunningPod restartExited(Pod pod, RunningPod running) {
    return running;
  }

  /** Stops and removes the pod's containers. */
  void stop(RunningPod pod);

  /** Returns what runs the containers, for the first line: "containerd 1.6.20 (CRI)". */
  String describe();

  @Override
  default void close() {}
}
