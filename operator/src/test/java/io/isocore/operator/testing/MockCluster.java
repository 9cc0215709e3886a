package io.isocore.operator.testing;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.isocore.api.testing.CrdSchemas;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Sets up a mock API server like a cluster with isocore installed: the committed CRDs applied. */
public final class MockCluster {
  private MockCluster() {}

  /** Creates the CRDs from crds/ so the mock honours their status subresources. */
  public static void installCrds(KubernetesClient client) {
    Path dir = CrdSchemas.repositoryRoot().resolve("crds");
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file :
          files
              .filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml"))
              .sorted()
              .toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          CustomResourceDefinition crd =
              client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
          client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read CRDs from " + dir, e);
    }
  }

  /**
   * The CRDs, profile "latency" and {@code nodes} nodes n0.. of 1 socket x 2 NUMA nodes x 8 cores x
   * SMT2 (7 + 8 isolated cores), each with its NodeTopology.
   */
  public static void standard(KubernetesClient client, int nodes) {
    installCrds(client);
    client
        .resource(ClusterFixtures.profile("latency", ClusterFixtures.reservedCpus(1, 2, 8, 2)))
        .create();
    for (int i = 0; i < nodes; i++) {
      client.resource(ClusterFixtures.node("n" + i, 32)).create();
      createWithStatus(client, ClusterFixtures.topology("n" + i, 1, 2, 8, 2));
    }
  }

  /** Creates an object, status included (as the agent would write NodeTopology status). */
  public static <T extends HasMetadata> T createWithStatus(KubernetesClient client, T resource) {
    T created = client.resource(resource).create();
    if (hasStatus(resource)) {
      copyMeta(created, resource);
      return client.resource(resource).updateStatus();
    }
    return created;
  }

  public static Pod createPod(KubernetesClient client, Pod pod) {
    return client.resource(pod).create();
  }

  private static boolean hasStatus(HasMetadata resource) {
    return resource instanceof io.fabric8.kubernetes.client.CustomResource<?, ?> cr
        && cr.getStatus() != null;
  }

  private static void copyMeta(HasMetadata from, HasMetadata to) {
    to.getMetadata().setResourceVersion(from.getMetadata().getResourceVersion());
    to.getMetadata().setUid(from.getMetadata().getUid());
    to.getMetadata().setCreationTimestamp(from.getMetadata().getCreationTimestamp());
    to.getMetadata().setGeneration(from.getMetadata().getGeneration());
  }
}
