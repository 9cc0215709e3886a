package io.isocore.kube.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class ApiFailureTest {

  @Test
  void anUnansweredRequestNamesWhyNotJustThatAnErrorOccurred() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    try (KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder()
                    .withMasterUrl("http://127.0.0.1:" + closedPort)
                    .withRequestRetryBackoffLimit(0)
                    .withConnectionTimeout(2_000)
                    .withRequestTimeout(2_000)
                    .build())
            .build()) {
      Throwable failure = catchThrowable(() -> client.pods().inNamespace("a").withName("p").get());

      assertThat(failure).isInstanceOf(KubernetesClientException.class);
      assertThat(ApiFailure.describe(failure))
          .startsWith(failure.getMessage())
          .containsIgnoringCase("connect");
    }
  }

  @Test
  void theInnermostCauseIsAddedOnlyWhenTheMessageDoesNotSayIt() {
    var wrapped =
        new KubernetesClientException(
            "An error has occurred.", new IOException("x", new ConnectException("refused")));
    assertThat(ApiFailure.describe(wrapped))
        .isEqualTo("An error has occurred. (ConnectException: refused)");

    var saysIt =
        new KubernetesClientException("write failed: refused", new ConnectException("refused"));
    assertThat(ApiFailure.describe(saysIt)).isEqualTo("write failed: refused");

    var noMessage =
        new KubernetesClientException("An error has occurred.", new InterruptedException());
    assertThat(ApiFailure.describe(noMessage))
        .isEqualTo("An error has occurred. (InterruptedException)");
  }

  @Test
  void anAnsweredFailureKeepsItsMessageAndNamesTheCode() {
    var conflict =
        new KubernetesClientException(
            new StatusBuilder().withCode(409).withMessage("pods \"p\" already exists").build());
    assertThat(ApiFailure.describe(conflict)).contains("already exists").contains("409");

    var bare = new KubernetesClientException("the server refused", 503, null);
    assertThat(ApiFailure.describe(bare)).isEqualTo("the server refused (HTTP 503)");
  }

  @Test
  void aMessagelessFailureIsNamedByItsClassAndACycleEnds() {
    assertThat(ApiFailure.describe(new IllegalStateException())).isEqualTo("IllegalStateException");

    RuntimeException a = new RuntimeException("a");
    RuntimeException b = new RuntimeException("b", a);
    a.initCause(b);
    assertThat(ApiFailure.describe(a)).startsWith("a");
  }
}
