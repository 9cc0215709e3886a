package io.isocore.operator.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The stand-in's own ceiling: {@link #CONCURRENCY} clients (as many as the operator's commits in
 * flight) create ConfigMaps, one request after another each, for {@link #WINDOW}, with no operator
 * running; creates are the operator's hot-path writes. Returns completed requests per second.
 */
final class Ceiling {
  static final int CONCURRENCY = OperatorEndToEndBench.IN_FLIGHT;
  static final Duration WINDOW = Duration.ofSeconds(4);

  private Ceiling() {}

  static double measure(StandInApiServer api, Duration latency) throws Exception {
    api.latency(latency);
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .executor(Runnable::run)
            .build();
    String base = api.url.replaceAll("/+$", "") + "/api/v1/namespaces/ceiling/configmaps";
    AtomicLong done = new AtomicLong();
    AtomicLong sequence = new AtomicLong();
    long warmup = System.nanoTime() + Duration.ofSeconds(1).toNanos();
    long end = warmup + WINDOW.toNanos();
    List<Thread> clients = new ArrayList<>();
    for (int c = 0; c < CONCURRENCY; c++) {
      clients.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    while (System.nanoTime() < end) {
                      String body =
                          "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c"
                              + sequence.incrementAndGet()
                              + "\",\"namespace\":\"ceiling\"},\"data\":{\"k\":\"v\"}}";
                      try {
                        http.send(
                            HttpRequest.newBuilder(URI.create(base))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                            HttpResponse.BodyHandlers.discarding());
                        if (System.nanoTime() > warmup) {
                          done.incrementAndGet();
                        }
                      } catch (Exception e) {
                        return;
                      }
                    }
                  }));
    }
    for (Thread t : clients) {
      t.join();
    }
    api.latency(Duration.ZERO);
    return done.get() / (WINDOW.toNanos() / 1e9);
  }
}
