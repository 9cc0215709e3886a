package io.isocore.operator.kube;

import io.isocore.core.alloc.ContainerGrant;
import io.isocore.core.alloc.PodAllocation;
import java.util.Map;
import java.util.TreeMap;

/**
 * The annotations a pod's Binding carries. The API server copies a Binding's annotations onto the
 * pod as it binds it (no extra write), so the pod's containers can read their exclusive CPUs before
 * they start (a downward-API env var or file) and the node's runtime passes them to the start hook
 * (containerd's {@code pod_annotations}, CRI-O's allowed annotations): one {@code
 * isocore.io/exclusive-cpus.<container>: <Linux CPU list>} per exclusive container.
 */
public final class BindingAnnotations {

  /** The prefix of the per-container annotation; the container name follows it. */
  public static final String EXCLUSIVE_CPUS_PREFIX = "isocore.io/exclusive-cpus.";

  private BindingAnnotations() {}

  /** Returns the annotations for {@code allocation}: empty when no container is exclusive. */
  public static Map<String, String> of(PodAllocation allocation) {
    Map<String, String> annotations = new TreeMap<>();
    for (ContainerGrant c : allocation.containers()) {
      if (c.exclusive()) {
        annotations.put(EXCLUSIVE_CPUS_PREFIX + c.name(), c.cpus().toListString());
      }
    }
    return annotations;
  }
}
