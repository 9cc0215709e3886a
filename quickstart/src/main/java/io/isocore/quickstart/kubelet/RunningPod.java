package io.isocore.quickstart.kubelet;

import java.util.List;

/**
 * A pod the local kubelet runs.
 *
 * @param namespace the pod's namespace
 * @param name the pod's name
 * @param containers its containers' processes
 */
public record RunningPod(String namespace, String name, List<RunningContainer> containers) {

  /** Stops every container. */
  public void stop() {
    containers.forEach(RunningContainer::stop);
  }
}
