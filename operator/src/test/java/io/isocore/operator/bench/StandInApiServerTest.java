package io.isocore.operator.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.isocore.api.v1alpha1.CoreAllocation;
import io.isocore.operator.kube.ApiBinder;
import io.isocore.operator.testing.ClusterFixtures;
import io.isocore.operator.testing.MockCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's API stand-in answers as the mock does (the operator's bench numbers rest on it):
 * named reads, patches, deletes, conflicts, lists and bindings through its name index, and the
 * index finds exactly what the mock's scan of its store finds after any sequence of writes.
 */
class StandInApiServerTest {
  private StandInApiServer api;
  private KubernetesClient client;

  @BeforeEach
  void start() {
    api = new StandInApiServer();
    client = api.client(8);
    MockCluster.installCrds(client);
  }

  @AfterEach
  void stop() {
    client.close();
    api.close();
  }

  @Test
  void namedObjectsAreFoundByNamespaceAndKindNotByNameAlone() {
    client.resource(ClusterFixtures.latencyPod("a", "x", 2)).create();
    client.resource(ClusterFixtures.latencyPod("b", "x", 4)).create();
    client
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("x")
                .withNamespace("a")
                .endMetadata()
                .build())
        .create();

    assertThat(cpus(client.pods().inNamespace("a").withName("x").get())).isEqualTo("2");
    assertThat(cpus(client.pods().inNamespace("b").withName("x").get())).isEqualTo("4");
    assertThat(client.configMaps().inNamespace("a").withName("x").get()).isNotNull();
    assertThat(client.configMaps().inNamespace("b").withName("x").get()).isNull();
    assertThat(client.pods().inNamespace("a").withName("y").get()).isNull();
    assertThat(client.pods().inAnyNamespace().list().getItems()).hasSize(2);
    assertThat(client.pods().inNamespace("a").list().getItems()).hasSize(1);

    client
        .pods()
        .inNamespace("a")
        .withName("x")
        .edit(
            p -> {
              p.getMetadata().setLabels(Map.of("edited", "yes"));
              return p;
            });
    assertThat(client.pods().inNamespace("a").withName("x").get().getMetadata().getLabels())
        .containsEntry("edited", "yes");
    assertThat(client.pods().inNamespace("b").withName("x").get().getMetadata().getLabels())
        .doesNotContainKey("edited");

    assertThatThrownBy(() -> client.resource(ClusterFixtures.latencyPod("a", "x", 2)).create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));

    client.pods().inNamespace("a").withName("x").delete();
    assertThat(client.pods().inNamespace("a").withName("x").get()).isNull();
    assertThat(client.pods().inNamespace("b").withName("x").get()).isNotNull();
    client.resource(ClusterFixtures.latencyPod("a", "x", 2)).create();
    assertThat(client.pods().inNamespace("a").withName("x").get()).isNotNull();
  }

  @Test
  void aBindingSetsTheNodeOnceAndThenConflicts() {
    Pod pod = client.resource(ClusterFixtures.latencyPod("a", "p", 2)).create();
    ApiBinder binder = new ApiBinder(client);

    binder.bind(pod, "n1");

    assertThat(client.pods().inNamespace("a").withName("p").get().getSpec().getNodeName())
        .isEqualTo("n1");
    assertThatThrownBy(() -> binder.bind(pod, "n2"))
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
    assertThat(client.pods().inNamespace("a").withName("p").get().getSpec().getNodeName())
        .isEqualTo("n1");
  }

  @Test
  void theIndexFindsWhatTheMocksScanFindsAfterRandomWrites() {
    Random random = new Random(7);
    List<String> namespaces = List.of("a", "b", "c");
    for (int step = 0; step < 400; step++) {
      String ns = namespaces.get(random.nextInt(namespaces.size()));
      String name = "o" + random.nextInt(40);
      boolean exists = client.pods().inNamespace(ns).withName(name).get() != null;
      switch (random.nextInt(3)) {
        case 0 -> {
          if (!exists) {
            client.resource(ClusterFixtures.latencyPod(ns, name, 2)).create();
          }
        }
        case 1 -> client.pods().inNamespace(ns).withName(name).delete();
        default -> {
          if (exists) {
            client
                .pods()
                .inNamespace(ns)
                .withName(name)
                .edit(
                    p -> {
                      p.getMetadata().setLabels(Map.of("step", "s" + random.nextInt(5)));
                      return p;
                    });
          } else {
            CoreAllocation a = new CoreAllocation();
            a.getMetadata().setName(name);
            a.getMetadata().setNamespace(ns);
            if (client.resources(CoreAllocation.class).inNamespace(ns).withName(name).get()
                == null) {
              client.resource(a).create();
            }
          }
        }
      }
    }

    StandInApiServer.Delayed dispatcher = api.dispatcher;
    List<String> checked = new ArrayList<>();
    for (String ns : namespaces) {
      for (int i = 0; i < 40; i++) {
        for (String resource : List.of("pods", "coreallocations")) {
          String path =
              (resource.equals("pods")
                      ? "/api/v1/namespaces/"
                      : "/apis/isocore.io/v1alpha1/namespaces/")
                  + ns
                  + "/"
                  + resource
                  + "/o"
                  + i;
          AttributeSet query = dispatcher.getAttributeExtractor().fromPath(path);
          Map.Entry<AttributeSet, String> scanned =
              dispatcher.getMap().entrySet().stream()
                  .filter(e -> e.getKey().matches(query))
                  .findFirst()
                  .orElse(null);
          assertThat(dispatcher.findResource(query)).as(path).isEqualTo(scanned);
          if (scanned != null) {
            checked.add(path);
          }
        }
      }
    }
    assertThat(checked).as("objects the comparison found stored").hasSizeGreaterThan(40);
  }

  private static String cpus(Pod pod) {
    return pod.getSpec()
        .getContainers()
        .getFirst()
        .getResources()
        .getRequests()
        .get("cpu")
        .toString();
  }
}
