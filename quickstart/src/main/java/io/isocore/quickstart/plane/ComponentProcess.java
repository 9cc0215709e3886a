package io.isocore.quickstart.plane;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The operator or the agent, run from its Quarkus jar as a child process against the embedded API,
 * its output in a log file.
 */
public final class ComponentProcess implements AutoCloseable {

  private final String name;
  private final Process process;
  private final Path log;

  private ComponentProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** Starts {@code jar} with {@code env} added to this process's environment. */
  public static ComponentProcess start(
      String name, Path java, Path jar, Map<String, String> env, Path logDir) throws IOException {
    if (!Files.isRegularFile(jar)) {
      throw new IOException(jar + " is missing: build first (./isocore build)");
    }
    Path log = logDir.resolve(name + ".log");
    List<String> command =
        new ArrayList<>(List.of(java.toString(), "-Xmx256m", "-XX:+UseSerialGC"));
    command.addAll(List.of("-jar", jar.toString()));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    return new ComponentProcess(name, builder.start(), log);
  }

  /** Returns whether the process still runs. */
  public boolean alive() {
    return process.isAlive();
  }

  /**
   * Waits until {@code readyUrl} answers 200 (Quarkus readiness), the process dies, or {@code
   * timeout} passes.
   *
   * @throws IOException naming the log to read when the component is not ready
   */
  public void awaitReady(URI readyUrl, Duration timeout) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(name + " exited with " + process.exitValue() + ": see " + log);
      }
      try {
        HttpResponse<Void> response =
            http.send(
                HttpRequest.newBuilder(readyUrl).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // Not listening yet.
      }
      Thread.sleep(250);
    }
    throw new IOException(name + " not ready after " + timeout.toSeconds() + " s: see " + log);
  }

  /** Returns the component's name. */
  public String name() {
    return name;
  }

  /** Returns the log file. */
  public Path log() {
    return log;
  }

  /** Stops the component: SIGTERM (Quarkus shuts down cleanly), SIGKILL after 10 s. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
