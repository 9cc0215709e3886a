package io.isocore.operator.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.isocore.core.alloc.ContainerGrant;
import io.isocore.core.alloc.PodAllocation;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.pod.PodKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Binding request exactly as a real API server receives it (mock in expectation mode). */
@EnableKubernetesMockClient
class ApiBinderTest {
  static final String PATH = "/api/v1/namespaces/trading/pods/feed/binding";
  KubernetesMockServer server;
  KubernetesClient client;

  @Test
  void postsABindingToThePodsBindingSubresourceWithTheUidPrecondition() throws Exception {
    server
        .expect()
        .post()
        .withPath(PATH)
        .andReturn(201, new StatusBuilder().withStatus("Success").build())
        .once();
    new ApiBinder(client).bind(pod(), "n7");
    var request = server.getLastRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getPath()).isEqualTo(PATH);
    Binding sent = Serialization.unmarshal(request.getBody().readUtf8(), Binding.class);
    assertThat(sent.getKind()).isEqualTo("Binding");
    assertThat(sent.getMetadata().getName()).isEqualTo("feed");
    assertThat(sent.getMetadata().getUid()).isEqualTo("uid-1");
    assertThat(sent.getTarget().getKind()).isEqualTo("Node");
    assertThat(sent.getTarget().getName()).isEqualTo("n7");
  }

  @Test
  void theBindingCarriesTheExclusiveCpusOfEachExclusiveContainer() throws Exception {
    server
        .expect()
        .post()
        .withPath(PATH)
        .andReturn(201, new StatusBuilder().withStatus("Success").build())
        .once();
    PodAllocation allocation =
        new PodAllocation(
            new PodKey("trading", "feed"),
            "uid-1",
            "n7",
            0,
            Optional.empty(),
            List.of(
                new ContainerGrant("engine", CpuSet.parse("2-3"), List.of()),
                new ContainerGrant("sidecar", CpuSet.empty(), List.of())),
            CpuSet.empty());
    new ApiBinder(client).bind(pod(), "n7", BindingAnnotations.of(allocation));
    Binding sent =
        Serialization.unmarshal(server.getLastRequest().getBody().readUtf8(), Binding.class);
    // The API server copies these onto the pod: a downward-API env var can read them.
    assertThat(sent.getMetadata().getAnnotations())
        .containsExactlyEntriesOf(Map.of("isocore.io/exclusive-cpus.engine", "2-3"));
  }

  @Test
  void conflictSurfacesWithItsStatusCode() {
    server
        .expect()
        .post()
        .withPath(PATH)
        .andReturn(
            409,
            new StatusBuilder()
                .withStatus("Failure")
                .withReason("Conflict")
                .withCode(409)
                .withMessage("pod feed is already assigned to node \"n3\"")
                .build())
        .once();
    assertThatThrownBy(() -> new ApiBinder(client).bind(pod(), "n7"))
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(409));
  }

  @Test
  void missingPodIsA404() {
    server
        .expect()
        .post()
        .withPath(PATH)
        .andReturn(404, new StatusBuilder().withCode(404).build())
        .once();
    assertThatThrownBy(() -> new ApiBinder(client).bind(pod(), "n7"))
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(404));
  }

  static Pod pod() {
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace("trading")
        .withName("feed")
        .withUid("uid-1")
        .endMetadata()
        .build();
  }
}
