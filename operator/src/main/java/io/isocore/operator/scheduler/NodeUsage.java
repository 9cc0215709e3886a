package io.isocore.operator.scheduler;

import io.fabric8.kubernetes.api.model.Pod;
import io.isocore.core.alloc.AllocationState;
import io.isocore.core.pod.PodKey;
import io.isocore.operator.catalog.ClusterView;
import io.isocore.operator.filter.ResourceAmounts;
import io.isocore.operator.pod.PodResources;
import io.isocore.operator.pod.Pods;
import java.util.HashMap;
import java.util.Map;

/**
 * The requests already on each node for one cycle: pods the informer shows bound there, plus pods
 * this scheduler bound whose binding the informer has not shown yet (the kube-scheduler's "assumed"
 * pods). Computed lazily per node, then updated as the cycle places pods.
 */
final class NodeUsage {
  private final ClusterView view;
  private final AllocationState state;
  private final Map<String, ResourceAmounts> used = new HashMap<>();
  private final Map<String, Integer> pods = new HashMap<>();

  NodeUsage(ClusterView view, AllocationState state) {
    this.view = view;
    this.state = state;
  }

  ResourceAmounts used(String node) {
    load(node);
    return used.get(node);
  }

  int pods(String node) {
    load(node);
    return pods.get(node);
  }

  void add(String node, ResourceAmounts request) {
    load(node);
    used.merge(node, request, ResourceAmounts::plus);
    pods.merge(node, 1, Integer::sum);
  }

  private void load(String node) {
    if (used.containsKey(node)) {
      return;
    }
    ResourceAmounts sum = ResourceAmounts.NONE;
    int count = 0;
    for (Pod pod : view.podsOn(node)) {
      sum = sum.plus(PodResources.fit(pod));
      count++;
    }
    for (PodKey key : state.podsOn(node)) {
      Pod pod = view.pod(key.namespace(), key.name()).orElse(null);
      if (pod != null && !Pods.bound(pod) && !Pods.terminal(pod)) {
        sum = sum.plus(PodResources.fit(pod));
        count++;
      }
    }
    used.put(node, sum);
    pods.put(node, count);
  }
}
