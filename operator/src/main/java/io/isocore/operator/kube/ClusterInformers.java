package io.isocore.operator.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.isocore.api.v1alpha1.CoreAllocation;
import io.isocore.api.v1alpha1.IsolationProfile;
import io.isocore.api.v1alpha1.LatencyTenant;
import io.isocore.api.v1alpha1.NodeTopology;
import io.isocore.kube.informers.Informers;
import io.isocore.kube.informers.Wake;
import io.isocore.operator.catalog.ClusterView;
import io.isocore.operator.pod.Pods;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The scheduler's informers: pods (all namespaces; one informer indexed both by node, for the
 * requests already on a node, and by "pending for isocore"), Nodes, NodeTopology, IsolationProfile,
 * LatencyTenant and CoreAllocation. Every change calls {@code onChange}, which only wakes the
 * scheduling thread: the loop is level-triggered and reads these caches.
 */
public final class ClusterInformers implements ClusterView, AutoCloseable {
  static final String BY_NODE = "byNode";
  static final String PENDING = "pendingForIsocore";
  static final String BOUND = "boundForIsocore";

  private final SharedIndexInformer<Pod> pods;
  private final SharedIndexInformer<Node> nodes;
  private final SharedIndexInformer<NodeTopology> topologies;
  private final SharedIndexInformer<IsolationProfile> profiles;
  private final SharedIndexInformer<LatencyTenant> tenants;
  private final SharedIndexInformer<CoreAllocation> allocations;

  public ClusterInformers(KubernetesClient client, Runnable onChange) {
    pods = client.pods().inAnyNamespace().runnableInformer(0);
    pods.addIndexers(
        Map.of(
            BY_NODE,
            p -> Pods.bound(p) && !Pods.terminal(p) ? List.of(Pods.nodeName(p)) : List.of(),
            PENDING,
            p -> Pods.pendingForUs(p) ? List.of("yes") : List.of(),
            BOUND,
            p -> Pods.boundForUs(p) ? List.of("yes") : List.of()));
    nodes = client.nodes().runnableInformer(0);
    topologies = client.resources(NodeTopology.class).runnableInformer(0);
    profiles = client.resources(IsolationProfile.class).runnableInformer(0);
    tenants = client.resources(LatencyTenant.class).runnableInformer(0);
    allocations = client.resources(CoreAllocation.class).inAnyNamespace().runnableInformer(0);
    all().forEach(i -> i.addEventHandler(new Wake<>(onChange)));
  }

  /** Starts every informer and waits until each has listed once. */
  public void start(Duration timeout) throws Exception {
    Informers.startAndAwait(all(), timeout);
  }

  public boolean hasSynced() {
    return Informers.synced(all());
  }

  @Override
  public List<Pod> pendingPods() {
    return pods.getIndexer().byIndex(PENDING, "yes");
  }

  @Override
  public List<Pod> podsOn(String nodeName) {
    return pods.getIndexer().byIndex(BY_NODE, nodeName);
  }

  @Override
  public Optional<Pod> pod(String namespace, String name) {
    return Optional.ofNullable(pods.getStore().getByKey(Cache.namespaceKeyFunc(namespace, name)));
  }

  @Override
  public List<Node> nodes() {
    return nodes.getStore().list();
  }

  @Override
  public Optional<NodeTopology> topology(String nodeName) {
    return Optional.ofNullable(topologies.getStore().getByKey(nodeName));
  }

  @Override
  public List<IsolationProfile> profiles() {
    return profiles.getStore().list();
  }

  @Override
  public List<LatencyTenant> tenants() {
    return tenants.getStore().list();
  }

  @Override
  public List<Pod> boundPods() {
    return pods.getIndexer().byIndex(BOUND, "yes");
  }

  /** The CoreAllocations the informer has seen (recovery lists from the API server instead). */
  @Override
  public List<CoreAllocation> coreAllocations() {
    return allocations.getStore().list();
  }

  @Override
  public void close() {
    all().forEach(SharedIndexInformer::close);
  }

  private List<SharedIndexInformer<? extends HasMetadata>> all() {
    return List.of(pods, nodes, topologies, profiles, tenants, allocations);
  }
}
