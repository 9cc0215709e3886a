package io.isocore.operator.testing;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Fabric8 mock API server in CRUD mode with faults injected per request: an error instead of
 * the write, the write applied and its answer replaced by an error (a lost response), or the answer
 * delayed past the client's request timeout. Rules match a method and a path fragment and fire a
 * given number of times. Test harness only.
 */
public final class FaultyApiServer implements AutoCloseable {
  /** What a rule does to a matching request. */
  public enum Action {
    /** Answer with the status code; nothing is applied. */
    FAIL,
    /** Apply the request, then answer with the status code (the real answer is lost). */
    APPLY_THEN_FAIL,
    /** Apply the request and answer after the delay (a timeout when past the client's). */
    DELAY
  }

  private record Rule(
      String method,
      String path,
      boolean exact,
      Action action,
      int code,
      Duration delay,
      AtomicInteger left) {
    boolean matches(RecordedRequest request) {
      String requested = request.getPath();
      return method.equalsIgnoreCase(request.getMethod())
          && (exact ? requested.equals(path) : requested.contains(path))
          && !requested.contains("watch=true");
    }
  }

  /** Client request timeout: short, so an injected delay is a timeout. */
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final java.util.Queue<String> requests =
      new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final AtomicInteger fired = new AtomicInteger();
  private final KubernetesMockServer server;
  public final KubernetesClient client;
  private final java.util.Set<io.fabric8.mockwebserver.http.WebSocket> watches =
      java.util.concurrent.ConcurrentHashMap.newKeySet();
  private volatile long brownoutUntilNanos = System.nanoTime();
  private final java.util.Set<String> goneWatchPending =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  public FaultyApiServer() {
    server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), new Faulty(), false);
    server.init();
    Config base = server.createClient().getConfiguration();
    client =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder(base)
                    .withRequestTimeout((int) REQUEST_TIMEOUT.toMillis())
                    .withRequestRetryBackoffLimit(0)
                    .build())
            .build();
  }

  /** Injects {@code action} on the next {@code times} requests of {@code method} on the path. */
  public FaultyApiServer inject(
      String method, String pathFragment, Action action, int code, int times) {
    rules.add(
        new Rule(
            method, pathFragment, false, action, code, Duration.ZERO, new AtomicInteger(times)));
    return this;
  }

  /** As {@link #inject}, for requests of exactly this path (no query: not an informer's list). */
  public FaultyApiServer injectExact(String method, String path, int code, int times) {
    rules.add(
        new Rule(method, path, true, Action.FAIL, code, Duration.ZERO, new AtomicInteger(times)));
    return this;
  }

  /** Delays the next {@code times} answers past the client's timeout (the write is applied). */
  public FaultyApiServer timeOut(String method, String pathFragment, int times) {
    rules.add(
        new Rule(
            method,
            pathFragment,
            false,
            Action.DELAY,
            0,
            REQUEST_TIMEOUT.multipliedBy(2),
            new AtomicInteger(times)));
    return this;
  }

  /** How many requests of {@code method} had a path containing {@code fragment} so far. */
  public long requests(String method, String fragment) {
    return requests.stream()
        .filter(r -> r.startsWith(method.toUpperCase() + " ") && r.contains(fragment))
        .count();
  }

  /** The requests so far whose method and path match. */
  public List<String> requestLines(String method, String fragment) {
    return requests.stream()
        .filter(r -> r.startsWith(method.toUpperCase() + " ") && r.contains(fragment))
        .toList();
  }

  /** How many faults fired. */
  public int fired() {
    return fired.get();
  }

  /** Whether every injected fault has fired. */
  public boolean exhausted() {
    return rules.stream().allMatch(r -> r.left().get() <= 0);
  }

  public void clear() {
    rules.clear();
  }

  /**
   * Drops every open watch, then answers every GET (list, watch, read) with 503 for {@code outage};
   * the first watch of each resource after it gets a 410 {@code Expired} ERROR event. Writes go
   * through all along, so events happen that no watch delivers. The 410 event is what a real API
   * server sends a watch from a version its watch cache no longer holds, making informers relist;
   * the mock server does not replay missed events at all, so without it the informers would miss
   * them forever, which no real API server does.
   */
  public void dropWatches(Duration outage) {
    for (io.fabric8.mockwebserver.http.WebSocket socket : watches) {
      goneWatchPending.add(socket.request().getPath().split("\\?")[0]);
    }
    brownoutUntilNanos = System.nanoTime() + outage.toNanos();
    for (io.fabric8.mockwebserver.http.WebSocket socket : watches) {
      socket.close(1011, "watch dropped by the test");
    }
    watches.clear();
  }

  /** How many watches are open now. */
  public int openWatches() {
    return watches.size();
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }

  private final class Faulty extends KubernetesCrudDispatcher {
    Faulty() {
      super(List.of());
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      // Method and path only: reading the body would consume it before the CRUD store reads it.
      requests.add(request.getMethod() + " " + request.getPath());
      boolean watch = request.getPath().contains("watch=true");
      if ("GET".equalsIgnoreCase(request.getMethod())
          && System.nanoTime() - brownoutUntilNanos < 0) {
        return status(503);
      }
      if (watch && goneWatchPending.remove(request.getPath().split("\\?")[0])) {
        return new MockResponse().withWebSocketUpgrade(new Expired());
      }
      for (Rule rule : rules) {
        if (rule.matches(request) && rule.left().getAndDecrement() > 0) {
          fired.incrementAndGet();
          return switch (rule.action()) {
            case FAIL -> status(rule.code());
            case APPLY_THEN_FAIL -> {
              super.dispatch(request);
              yield status(rule.code());
            }
            case DELAY -> super.dispatch(request).setBodyDelay(rule.delay());
          };
        }
      }
      MockResponse response = super.dispatch(request);
      if (watch && response.getWebSocketListener() != null) {
        response.withWebSocketUpgrade(new Tracked(response.getWebSocketListener()));
      }
      return response;
    }

    private MockResponse status(int code) {
      return new MockResponse()
          .setResponseCode(code)
          .setHeader("Content-Type", "application/json")
          .setBody(
              "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"injected fault\",\"code\":"
                  + code
                  + "}");
    }
  }

  /** A watch from a version the server no longer holds: one 410 ERROR event, then closed. */
  private static final class Expired extends io.fabric8.mockwebserver.http.WebSocketListener {
    @Override
    public void onOpen(
        io.fabric8.mockwebserver.http.WebSocket socket,
        io.fabric8.mockwebserver.http.Response response) {
      socket.send(
          "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\","
              + "\"status\":\"Failure\",\"message\":\"too old resource version\","
              + "\"reason\":\"Expired\",\"code\":410}}");
      socket.close(1000, "expired");
    }
  }

  /** Delegates to the dispatcher's watch listener and remembers the socket, so it can be cut. */
  private final class Tracked extends io.fabric8.mockwebserver.http.WebSocketListener {
    private final io.fabric8.mockwebserver.http.WebSocketListener inner;

    Tracked(io.fabric8.mockwebserver.http.WebSocketListener inner) {
      this.inner = inner;
    }

    @Override
    public void onBeforeAccept(
        io.fabric8.mockwebserver.http.WebSocket socket,
        io.fabric8.mockwebserver.http.Response response) {
      inner.onBeforeAccept(socket, response);
    }

    @Override
    public void onOpen(
        io.fabric8.mockwebserver.http.WebSocket socket,
        io.fabric8.mockwebserver.http.Response response) {
      watches.add(socket);
      inner.onOpen(socket, response);
    }

    @Override
    public void onMessage(io.fabric8.mockwebserver.http.WebSocket socket, String text) {
      inner.onMessage(socket, text);
    }

    @Override
    public void onMessage(
        io.fabric8.mockwebserver.http.WebSocket socket,
        io.fabric8.mockwebserver.http.ByteString bytes) {
      inner.onMessage(socket, bytes);
    }

    @Override
    public void onMessage(io.fabric8.mockwebserver.http.WebSocket socket, byte[] bytes) {
      inner.onMessage(socket, bytes);
    }

    @Override
    public void onClosing(io.fabric8.mockwebserver.http.WebSocket socket, int code, String reason) {
      inner.onClosing(socket, code, reason);
    }

    @Override
    public void onClosed(io.fabric8.mockwebserver.http.WebSocket socket, int code, String reason) {
      watches.remove(socket);
      inner.onClosed(socket, code, reason);
    }

    @Override
    public void onFailure(
        io.fabric8.mockwebserver.http.WebSocket socket,
        Throwable failure,
        io.fabric8.mockwebserver.http.Response response) {
      watches.remove(socket);
      inner.onFailure(socket, failure, response);
    }
  }
}
