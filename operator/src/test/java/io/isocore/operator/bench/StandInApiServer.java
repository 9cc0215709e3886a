package io.isocore.operator.bench;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark's API server stand-in: the Fabric8 mock server in CRUD mode, answering every
 * request (watches excepted) after a fixed delay, and storing pods/binding as the real binding
 * storage does (sets spec.nodeName; 409 when already bound). The delay is a Vert.x timer on the
 * answer, taken after the request was processed: it does not hold the event loop or any lock, so
 * requests overlap in it as they do in an etcd round trip.
 */
final class StandInApiServer implements AutoCloseable {
  private static final Pattern BINDING =
      Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/?]+)/binding.*");
  private static final Pattern NODE =
      Pattern.compile("\"target\"\\s*:\\s*\\{[^}]*\"name\"\\s*:\\s*\"([^\"]+)\"");

  private final KubernetesMockServer server;
  private final Delayed dispatcher = new Delayed();
  final String url;

  StandInApiServer() {
    server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
    server.init();
    try (KubernetesClient probe = server.createClient()) {
      url = probe.getConfiguration().getMasterUrl();
    }
  }

  /** A client like the operator's, allowed {@code maxConcurrent} requests at once. */
  KubernetesClient client(int maxConcurrent) {
    try (KubernetesClient probe = server.createClient()) {
      return new KubernetesClientBuilder()
          .withConfig(
              new ConfigBuilder(probe.getConfiguration())
                  .withMaxConcurrentRequests(maxConcurrent)
                  .withRequestTimeout(60_000)
                  .build())
          .build();
    }
  }

  /**
   * The requests answered since the last call, by method and resource ({@code POST pods/binding},
   * {@code PATCH coreallocations/status}, {@code GET pods?watch}), most first; resets the count.
   */
  Map<String, Long> takeRequests() {
    Map<String, Long> out = new TreeMap<>();
    dispatcher.requests.forEach((k, v) -> out.put(k, v.sumThenReset()));
    out.values().removeIf(v -> v == 0);
    return out;
  }

  /** Every later answer waits this long. */
  void latency(Duration latency) {
    dispatcher.delay = latency;
  }

  @Override
  public void close() {
    server.destroy();
  }

  private static final class Delayed extends KubernetesCrudDispatcher {
    volatile Duration delay = Duration.ZERO;
    final Map<String, LongAdder> requests = new ConcurrentHashMap<>();

    Delayed() {
      super(List.of());
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      requests.computeIfAbsent(kind(request), k -> new LongAdder()).increment();
      MockResponse response;
      Matcher binding = BINDING.matcher(request.getPath());
      if ("POST".equalsIgnoreCase(request.getMethod()) && binding.matches()) {
        response = bind(request, binding.group(1), binding.group(2));
      } else {
        response = super.dispatch(request);
      }
      if (response.getWebSocketListener() == null && !delay.isZero()) {
        response.setBodyDelay(delay);
      }
      return response;
    }

    /** {@code METHOD resource[/subresource][?watch]}: names and namespaces left out. */
    private static String kind(RecordedRequest request) {
      String path = request.getPath();
      int query = path.indexOf('?');
      boolean watch = query >= 0 && path.indexOf("watch=true", query) >= 0;
      String[] parts = (query < 0 ? path : path.substring(0, query)).split("/");
      // /api/v1[/namespaces/NS]/RESOURCE[/NAME[/SUB]] or /apis/GROUP/VERSION[/namespaces/NS]/...
      int i = parts.length > 1 && parts[1].equals("apis") ? 4 : 3;
      if (parts.length > i + 1 && parts[i].equals("namespaces")) {
        i += 2;
      }
      String resource = i < parts.length ? parts[i] : "?";
      String sub = i + 2 < parts.length ? "/" + parts[i + 2] : "";
      return request.getMethod() + " " + resource + sub + (watch ? "?watch" : "");
    }

    private MockResponse bind(RecordedRequest request, String namespace, String name) {
      Matcher node = NODE.matcher(request.getUtf8Body());
      if (!node.find()) {
        return new MockResponse()
            .setResponseCode(400)
            .setBody("{\"kind\":\"Status\",\"code\":400}");
      }
      String pod = "/api/v1/namespaces/" + namespace + "/pods/" + name;
      MockResponse current =
          super.dispatch(
              new RecordedRequest(
                  "HTTP/1.1",
                  HttpMethod.GET,
                  pod,
                  Headers.builder().build(),
                  new Buffer(new byte[0])));
      if (current.code() != 200) {
        return current;
      }
      if (current.getBody().readUtf8().contains("\"nodeName\"")) {
        return new MockResponse()
            .setResponseCode(409)
            .setBody(
                "{\"kind\":\"Status\",\"code\":409,\"message\":\"pod "
                    + name
                    + " is already assigned\"}");
      }
      byte[] patch =
          ("{\"spec\":{\"nodeName\":\"" + node.group(1) + "\"}}").getBytes(StandardCharsets.UTF_8);
      MockResponse patched =
          super.dispatch(
              new RecordedRequest(
                  "HTTP/1.1",
                  HttpMethod.PATCH,
                  pod,
                  Headers.builder().add("Content-Type", "application/merge-patch+json").build(),
                  new Buffer(patch)));
      if (patched.code() != 200) {
        return patched;
      }
      return new MockResponse()
          .setResponseCode(201)
          .setHeader("Content-Type", "application/json")
          .setBody(
              "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Success\",\"code\":201}");
    }
  }
}
