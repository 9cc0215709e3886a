package io.isocore.operator.catalog;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.isocore.api.v1alpha1.CoreAllocation;
import io.isocore.api.v1alpha1.IsolationProfile;
import io.isocore.api.v1alpha1.LatencyTenant;
import io.isocore.api.v1alpha1.NodeTopology;
import java.util.List;
import java.util.Optional;

/** What the scheduler reads of the cluster: the informers' caches, never the API server. */
public interface ClusterView {
  /** Pods with spec.schedulerName isocore, not bound, not finished, not being deleted. */
  List<Pod> pendingPods();

  /** Pods bound to the node that hold resources (not Succeeded or Failed). */
  List<Pod> podsOn(String nodeName);

  Optional<Pod> pod(String namespace, String name);

  List<Node> nodes();

  Optional<NodeTopology> topology(String nodeName);

  List<IsolationProfile> profiles();

  List<LatencyTenant> tenants();

  /** Pods with spec.schedulerName isocore, bound, not finished, not being deleted. */
  List<Pod> boundPods();

  /** The CoreAllocations the informer holds (the leader keeps its state level with them). */
  List<CoreAllocation> coreAllocations();
}
