package io.isocore.agent.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;

/**
 * The informers say whether they reflect the API server: synced, watching, and the Node known (a
 * cache without the Node would select no profile and must not be taken for the truth).
 */
@EnableKubernetesMockClient(crud = true)
class InformerNodeObjectsTest {

  KubernetesClient client;

  /**
   * Polls up to {@code tenths} tenths of a second for {@code expected}; returns the last answer.
   */
  private static boolean eventually(InformerNodeObjects objects, boolean expected, int tenths)
      throws InterruptedException {
    for (int i = 0; i < tenths && objects.current() != expected; i++) {
      Thread.sleep(100);
    }
    return objects.current();
  }

  @Test
  void currentOnceSyncedWatchingAndTheNodeIsInTheCache() throws Exception {
    try (InformerNodeObjects objects = new InformerNodeObjects(client, "node-1", () -> {})) {
      // 2 s: the caches of an empty mock server sync in well under that
      assertThat(eventually(objects, true, 20)).as("no Node in the cache yet").isFalse();

      client
          .nodes()
          .resource(new NodeBuilder().withNewMetadata().withName("node-1").endMetadata().build())
          .create();

      assertThat(eventually(objects, true, 100)).isTrue();
    }
  }

  @Test
  void closedInformersAreNotCurrent() throws Exception {
    client
        .nodes()
        .resource(new NodeBuilder().withNewMetadata().withName("node-1").endMetadata().build())
        .create();
    InformerNodeObjects objects = new InformerNodeObjects(client, "node-1", () -> {});
    assertThat(eventually(objects, true, 100)).isTrue();

    objects.close();

    assertThat(objects.current()).isFalse();
  }
}
