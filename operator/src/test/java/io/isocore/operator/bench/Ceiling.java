package io.isocore.operator.bench;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.isocore.api.v1alpha1.ContainerAllocation;
import io.isocore.api.v1alpha1.ContainerAllocation.CpuMode;
import io.isocore.api.v1alpha1.CoreAllocation;
import io.isocore.api.v1alpha1.CoreAllocationSpec;
import io.isocore.operator.testing.ClusterFixtures;
import io.isocore.operator.testing.MockCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The stand-in's own ceiling for the operator's hot path, with no operator running: {@link
 * #CONCURRENCY} clients (as many as the operator's commits in flight) each repeat the two writes of
 * a placement, one request after another: create a CoreAllocation (the custom resource the operator
 * writes; the mock serves a custom resource at a higher cost than a built-in one) and bind a
 * pending pod through pods/binding. A fresh stand-in per measurement, holding as many pods as the
 * run will (the mock's cost per request grows with what it stores), created beforehand, unmeasured.
 * Returns completed requests per second over {@link #WINDOW}, or over the part of it until the
 * stored pods were all bound when that came first.
 */
final class Ceiling {
  static final int CONCURRENCY = OperatorEndToEndBench.IN_FLIGHT;
  static final Duration WARMUP = Duration.ofSeconds(1);
  static final Duration WINDOW = Duration.ofSeconds(4);
  static final int MIN_PODS = 16_000;
  static final String NS = "ceiling";

  private Ceiling() {}

  /**
   * @param pods how many pods the measured run stores
   */
  static double measure(Duration latency, int pods) throws Exception {
    return measure(latency, pods, 0);
  }

  /**
   * The same with {@code others} more CoreAllocations stored beforehand: the run's stand-in holds
   * its pods plus the allocations it has written so far, and the mock's cost per request grows with
   * every object it holds.
   */
  static double measure(Duration latency, int pods, int others) throws Exception {
    int stored = Math.max(MIN_PODS, pods);
    try (StandInApiServer api = new StandInApiServer();
        KubernetesClient client = api.client(256)) {
      MockCluster.installCrds(client);
      OperatorEndToEndBench.parallel(
          stored, i -> client.resource(ClusterFixtures.latencyPod(NS, "c" + i, 2)).create());
      String base = api.url.replaceAll("/+$", "");
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      OperatorEndToEndBench.parallel(
          others,
          i -> {
            try {
              post(http, allocations(base), allocation("held" + i, i));
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          });
      api.latency(latency);
      return run(base, stored);
    }
  }

  private static double run(String base, int stored) throws Exception {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .executor(Runnable::run)
            .build();
    AtomicLong done = new AtomicLong();
    AtomicInteger next = new AtomicInteger();
    long warm = System.nanoTime() + WARMUP.toNanos();
    long end = warm + WINDOW.toNanos();
    AtomicLong lastDone = new AtomicLong(warm);
    List<Thread> clients = new ArrayList<>();
    for (int c = 0; c < CONCURRENCY; c++) {
      clients.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    int i;
                    while (System.nanoTime() < end && (i = next.getAndIncrement()) < stored) {
                      try {
                        post(http, allocations(base), allocation("a" + i, i));
                        count(done, lastDone, warm, end);
                        post(
                            http,
                            base + "/api/v1/namespaces/" + NS + "/pods/c" + i + "/binding",
                            binding(i));
                        count(done, lastDone, warm, end);
                      } catch (Exception e) {
                        return;
                      }
                    }
                  }));
    }
    for (Thread t : clients) {
      t.join();
    }
    if (next.get() < stored) {
      return done.get() / (WINDOW.toNanos() / 1e9);
    }
    // Every stored pod was bound before the window closed: the rate over the part measured.
    double measured = (lastDone.get() - warm) / 1e9;
    if (measured < WINDOW.toNanos() / 4e9) {
      throw new IllegalStateException(
          "the ceiling ran out of pods within "
              + Math.round(measured * 1000)
              + " ms of its window: raise Ceiling.MIN_PODS");
    }
    return done.get() / measured;
  }

  private static void count(AtomicLong done, AtomicLong lastDone, long warm, long end) {
    long now = System.nanoTime();
    if (now > warm && now <= end) {
      done.incrementAndGet();
      lastDone.accumulateAndGet(now, Math::max);
    }
  }

  private static void post(HttpClient http, String url, String body) throws Exception {
    HttpResponse<Void> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.discarding());
    if (response.statusCode() >= 300) {
      throw new IllegalStateException(url + " answered " + response.statusCode());
    }
  }

  private static String allocations(String base) {
    return base + "/apis/isocore.io/v1alpha1/namespaces/" + NS + "/coreallocations";
  }

  /** A CoreAllocation as the operator writes one: an exclusive container of 2 CPUs. */
  private static String allocation(String name, int i) {
    CoreAllocation a = new CoreAllocation();
    a.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
    a.setSpec(
        new CoreAllocationSpec(
            "c" + i,
            "00000000-0000-4000-8000-" + String.format("%012d", i),
            "n" + (i % 50),
            0,
            null,
            List.of(new ContainerAllocation("main", CpuMode.Exclusive, "2,66", null, null)),
            null,
            "",
            null));
    return Serialization.asJson(a);
  }

  private static String binding(int i) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"Binding\",\"metadata\":{\"name\":\"c"
        + i
        + "\",\"namespace\":\""
        + NS
        + "\"},\"target\":{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"name\":\"n"
        + (i % 50)
        + "\"}}";
  }
}
