package io.isocore.agent.enforce;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.isocore.api.v1alpha1.CoreAllocation;
import io.isocore.api.v1alpha1.IsolationProfile;
import io.isocore.api.v1alpha1.LatencyTenant;
import io.isocore.kube.informers.Wake;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Informer caches of this node's CoreAllocations and pods, both watched with the field selector
 * {@code spec.nodeName=<node>} so the agent never lists the cluster. Pods support that selector
 * natively; for CoreAllocations the CRD must declare {@code spec.nodeName} as a selectable field
 * (Kubernetes 1.32+). The Node itself, the IsolationProfiles and the LatencyTenants are cached too,
 * so an enforcement pass makes no request of its own. Every change calls {@code onChange}.
 */
public final class InformerNodeObjects implements NodeObjects, AutoCloseable {

  private final SharedIndexInformer<CoreAllocation> allocations;
  private final SharedIndexInformer<Pod> pods;
  private final SharedIndexInformer<Node> node;
  private final SharedIndexInformer<IsolationProfile> profiles;
  private final SharedIndexInformer<LatencyTenant> tenants;

  /** Starts the informers. */
  public InformerNodeObjects(KubernetesClient client, String nodeName, Runnable onChange) {
    this.allocations =
        client
            .resources(CoreAllocation.class)
            .inAnyNamespace()
            .withField("spec.nodeName", nodeName)
            .inform(new Wake<>(onChange));
    this.pods =
        client
            .pods()
            .inAnyNamespace()
            .withField("spec.nodeName", nodeName)
            .inform(new Wake<>(onChange));
    this.node = client.nodes().withName(nodeName).inform(new Wake<>(onChange));
    this.profiles = client.resources(IsolationProfile.class).inform(new Wake<>(onChange));
    // tickets only weigh shared containers: a tenant change waits for the next pass
    this.tenants = client.resources(LatencyTenant.class).inform();
  }

  @Override
  public List<CoreAllocation> allocations() {
    return allocations.getStore().list();
  }

  @Override
  public Optional<Pod> pod(String namespace, String name) {
    return Optional.ofNullable(pods.getStore().getByKey(namespace + "/" + name));
  }

  @Override
  public Map<String, String> nodeLabels() {
    return node.getStore().list().stream()
        .findFirst()
        .map(n -> n.getMetadata().getLabels())
        .map(Map::copyOf)
        .orElse(Map.of());
  }

  @Override
  public List<IsolationProfile> profiles() {
    return profiles.getStore().list();
  }

  @Override
  public Optional<LatencyTenant> tenant(String name) {
    return Optional.ofNullable(tenants.getStore().getByKey(name));
  }

  /**
   * Synced and watching, every cache, and the Node in its cache: an informer that lost its watch
   * keeps serving its last content, and one that never listed serves nothing.
   */
  @Override
  public boolean current() {
    return Stream.of(allocations, pods, node, profiles, tenants)
            .allMatch(i -> i.hasSynced() && i.isWatching())
        && !node.getStore().list().isEmpty();
  }

  /** Returns the cached pods of this node. */
  public List<Pod> pods() {
    return pods.getStore().list();
  }

  @Override
  public void close() {
    allocations.close();
    pods.close();
    node.close();
    profiles.close();
    tenants.close();
  }
}
