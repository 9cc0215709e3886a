package io.isocore.agent.enforce;

import io.fabric8.kubernetes.api.model.Pod;
import io.isocore.api.v1alpha1.CoreAllocation;
import io.isocore.api.v1alpha1.IsolationProfile;
import io.isocore.api.v1alpha1.LatencyTenant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Kubernetes objects the enforcement reconciler reads, from caches: a pass makes no GET or LIST
 * of its own.
 */
public interface NodeObjects {

  /** Returns the CoreAllocations whose {@code spec.nodeName} is this node. */
  List<CoreAllocation> allocations();

  /** Returns the pod, if it is bound to this node. */
  Optional<Pod> pod(String namespace, String name);

  /** Returns this node's labels; empty when the Node is not known. */
  Map<String, String> nodeLabels();

  /** Returns every IsolationProfile. */
  List<IsolationProfile> profiles();

  /** Returns the LatencyTenant named {@code name}. */
  Optional<LatencyTenant> tenant(String name);
}
