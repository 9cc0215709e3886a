package io.isocore.operator.bench;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.AttributeType;
import io.fabric8.mockwebserver.crud.CrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 *
 * <p>The mock finds an object by scanning every object it stores (and copies them all for each
 * GET), so its cost per request grows with the store: at 10,000 pods it, not the delay, set the
 * pace, which no etcd-backed API server does (its lookups by key are indexed). The stand-in keeps
 * the mock's store and its matching but looks named objects up through an index by name ({@link
 * NameIndexedStore}): a create, a read, a patch or a binding costs the same with 100 or 20,000
 * objects stored. Lists and watches still scan, as the mock does.
 */
final class StandInApiServer implements AutoCloseable {
  private static final Pattern BINDING =
      Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/?]+)/binding.*");
  private static final Pattern NODE =
      Pattern.compile("\"target\"\\s*:\\s*\\{[^}]*\"name\"\\s*:\\s*\"([^\"]+)\"");

  private final KubernetesMockServer server;
  final Delayed dispatcher = new Delayed();
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

  static final class Delayed extends KubernetesCrudDispatcher {
    volatile Duration delay = Duration.ZERO;
    final Map<String, LongAdder> requests = new ConcurrentHashMap<>();

    final NameIndexedStore store = new NameIndexedStore();

    Delayed() {
      super(List.of());
      try {
        Field map = CrudDispatcher.class.getDeclaredField("map");
        map.setAccessible(true);
        map.set(this, store);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("the mock's store cannot be indexed", e);
      }
    }

    /** The mock's PUT, PATCH and POST (its conflict check) look their object up here. */
    @Override
    public Map.Entry<AttributeSet, String> findResource(AttributeSet query) {
      String name = NameIndexedStore.exactName(query);
      return name == null ? super.findResource(query) : store.find(name, query);
    }

    /** A named GET through the index, answered as the mock answers it; lists as the mock does. */
    @Override
    public MockResponse handleGet(String path) {
      AttributeSet query = attributeExtractor.fromPath(path);
      String name = NameIndexedStore.exactName(query);
      if (name == null) {
        return super.handleGet(path);
      }
      Map.Entry<AttributeSet, String> found = store.find(name, query);
      return found == null
          ? new MockResponse().setResponseCode(404)
          : new MockResponse().setResponseCode(200).setBody(found.getValue());
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

    /** One binding at a time: the read of spec.nodeName and its write are one step, as in etcd. */
    private synchronized MockResponse bind(RecordedRequest request, String namespace, String name) {
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

  /**
   * The mock's store (object keys to JSON, in insertion order) with an index from object name to
   * the keys of that name. The mock mutates its store only through {@code put}, {@code remove} and
   * {@code clear}; its scans read the entry set, which cannot be modified around the index.
   */
  static final class NameIndexedStore extends AbstractMap<AttributeSet, String> {
    private static final String NAME = "name";
    private final Map<AttributeSet, String> entries = new LinkedHashMap<>();
    private final Map<String, Set<AttributeSet>> byName = new HashMap<>();

    /**
     * The one name a query asks for, or null when it asks for no name or for several (a list, a
     * wildcard): those queries scan, as the mock does.
     */
    static String exactName(AttributeSet query) {
      Attribute name = query.getAttribute(NAME);
      if (name == null || name.getType() != AttributeType.WITH || name.getValues().size() != 1) {
        return null;
      }
      String value = name.getValues().getFirst().toString();
      return value == null || value.equals("*") ? null : value;
    }

    /** The first object named {@code name} that the query matches, or null. */
    synchronized Map.Entry<AttributeSet, String> find(String name, AttributeSet query) {
      for (AttributeSet key : byName.getOrDefault(name, Set.of())) {
        if (key.matches(query)) {
          return Map.entry(key, entries.get(key));
        }
      }
      return null;
    }

    @Override
    public synchronized String put(AttributeSet key, String value) {
      String old = entries.put(key, value);
      if (old == null) {
        String name = storedName(key);
        if (name != null) {
          byName.computeIfAbsent(name, n -> new LinkedHashSet<>()).add(key);
        }
      }
      return old;
    }

    @Override
    public synchronized String remove(Object key) {
      String old = entries.remove(key);
      if (old != null && key instanceof AttributeSet set) {
        String name = storedName(set);
        Set<AttributeSet> named = name == null ? null : byName.get(name);
        if (named != null) {
          named.remove(set);
          if (named.isEmpty()) {
            byName.remove(name);
          }
        }
      }
      return old;
    }

    @Override
    public synchronized void clear() {
      entries.clear();
      byName.clear();
    }

    @Override
    public synchronized String get(Object key) {
      return entries.get(key);
    }

    @Override
    public synchronized boolean containsKey(Object key) {
      return entries.containsKey(key);
    }

    @Override
    public synchronized int size() {
      return entries.size();
    }

    @Override
    public Set<Map.Entry<AttributeSet, String>> entrySet() {
      return Collections.unmodifiableSet(entries.entrySet());
    }

    private static String storedName(AttributeSet key) {
      Attribute name = key.getAttribute(NAME);
      return name == null || name.getValues().size() != 1
          ? null
          : name.getValues().getFirst().toString();
    }
  }
}
