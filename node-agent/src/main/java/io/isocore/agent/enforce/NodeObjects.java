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

  /**
   * Whether these objects reflect the API server now (caches synced and watching, the Node known).
   * When false, what they hold may be empty (never listed) or stale, and must not be taken for the
   * node's truth: {@link LastKnownNodeObjects} answers from its last current pass instead.
   */
  default boolean current() {
    return true;
  }

  /**
   * Why nothing is known yet: the API server has not answered since the agent started, so there is
   * no profile to enforce and the pass must write nothing. Empty once one current answer was seen.
   */
  default Optional<String> unknown() {
    return Optional.empty();
  }
}
