package io.isocore.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The paths the chart's probes call are served: the startup probe ({@code /q/health/started},
 * before liveness and readiness count), liveness and readiness (SmallRye Health).
 */
@QuarkusTest
@TestProfile(MetricsTestProfile.class)
class HealthProbesTest {

  @TestHTTPResource("/q/health/started")
  URL started;

  @TestHTTPResource("/q/health/live")
  URL live;

  @TestHTTPResource("/q/health/ready")
  URL ready;

  @Test
  void startupLivenessAndReadinessAnswerUp() throws Exception {
    for (URL url : new URL[] {started, live, ready}) {
      HttpResponse<byte[]> r = MetricsEndpointTest.get(url, "application/json");
      assertThat(r.statusCode()).as(url.getPath()).isEqualTo(200);
      assertThat(new String(r.body(), StandardCharsets.UTF_8))
          .as(url.getPath())
          .contains("\"status\": \"UP\"");
    }
  }
}
