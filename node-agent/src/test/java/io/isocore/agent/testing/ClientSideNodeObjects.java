package io.isocore.agent.testing;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.isocore.agent.enforce.NodeObjects;
import io.isocore.api.v1alpha1.CoreAllocation;
import io.isocore.api.v1alpha1.IsolationProfile;
import io.isocore.api.v1alpha1.LatencyTenant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Test harness for the Fabric8 mock server, which matches nothing with a {@code spec.nodeName}
 * field selector: lists everything and filters by node on the client side, and reads the Node,
 * profiles and tenants with plain requests. Production uses {@link
 * io.isocore.agent.enforce.InformerNodeObjects} with the real field selectors and caches.
 */
public final class ClientSideNodeObjects implements NodeObjects {

  private final KubernetesClient client;
  private final String nodeName;

  /** Creates the harness for {@code nodeName}. */
  public ClientSideNodeObjects(KubernetesClient client, String nodeName) {
    this.client = client;
    this.nodeName = nodeName;
  }

  @Override
  public List<CoreAllocation> allocations() {
    return client.resources(CoreAllocation.class).inAnyNamespace().list().getItems().stream()
        .filter(a -> a.getSpec() != null && nodeName.equals(a.getSpec().nodeName()))
        .toList();
  }

  @Override
  public Optional<Pod> pod(String namespace, String name) {
    return Optional.ofNullable(client.pods().inNamespace(namespace).withName(name).get())
        .filter(p -> p.getSpec() != null && Objects.equals(nodeName, p.getSpec().getNodeName()));
  }

  @Override
  public Map<String, String> nodeLabels() {
    Node node = client.nodes().withName(nodeName).get();
    return node == null || node.getMetadata().getLabels() == null
        ? Map.of()
        : node.getMetadata().getLabels();
  }

  @Override
  public List<IsolationProfile> profiles() {
    return client.resources(IsolationProfile.class).list().getItems();
  }

  @Override
  public Optional<LatencyTenant> tenant(String name) {
    return Optional.ofNullable(client.resources(LatencyTenant.class).withName(name).get());
  }
}
