package io.isocore.agent.enforce;

import io.fabric8.kubernetes.api.model.Pod;
import io.isocore.api.v1alpha1.CoreAllocation;
import java.util.List;
import java.util.Optional;

/** The Kubernetes objects of one node the enforcement reconciler reads. */
public interface NodeObjects {

  /** Returns the CoreAllocations whose {@code spec.nodeName} is this node. */
  List<CoreAllocation> allocations();

  /** Returns the pod, if it is bound to this node. */
  Optional<Pod> pod(String namespace, String name);
}
