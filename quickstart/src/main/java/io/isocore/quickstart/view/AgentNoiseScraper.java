package io.isocore.quickstart.view;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;

/**
 * Samples the agent's {@code /metrics} every few seconds on a daemon thread for {@link AgentNoise},
 * from {@link #start} until {@link #close}: the noise by source of a quickstart run, for its
 * summary.
 */
public final class AgentNoiseScraper implements AutoCloseable {

  /** Between two samples: a fifth of the agent's default 10 s attribution window. */
  public static final Duration EVERY = Duration.ofSeconds(2);

  private final AgentNoise noise = new AgentNoise();
  private final Thread thread;
  private volatile boolean running = true;

  private AgentNoiseScraper(URI metrics, Duration every) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    thread =
        Thread.ofPlatform()
            .daemon()
            .name("isocore-quickstart-noise")
            .start(() -> loop(http, metrics, every));
  }

  /** Starts sampling {@code metrics} (the agent's) every {@code every}. */
  public static AgentNoiseScraper start(URI metrics, Duration every) {
    return new AgentNoiseScraper(metrics, every);
  }

  private void loop(HttpClient http, URI metrics, Duration every) {
    while (running) {
      NoiseFloor.scrape(http, metrics).ifPresent(text -> sample(text, System.nanoTime()));
      try {
        Thread.sleep(every);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void sample(String text, long nanos) {
    synchronized (noise) {
      noise.sample(text, nanos);
    }
  }

  /** The windows closed so far. */
  public List<AgentNoise.Window> windows() {
    synchronized (noise) {
      return noise.windows();
    }
  }

  /** Stops sampling; the windows stay readable. */
  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
