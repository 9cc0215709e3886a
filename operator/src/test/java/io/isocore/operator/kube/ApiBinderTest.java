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
