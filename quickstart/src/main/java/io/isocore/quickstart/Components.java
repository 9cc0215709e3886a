package io.isocore.quickstart;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.isocore.quickstart.agent.AgentPod;
import io.isocore.quickstart.agent.ChartDaemonSet;
import io.isocore.quickstart.kubelet.LocalKubelet;
import io.isocore.quickstart.kubelet.Sandbox;
import io.isocore.quickstart.plane.ComponentProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Starts the operator and the node agent from their Quarkus jars as processes against the embedded
 * API, each on a port that was free when it started ({@link FreePort}).
 */
final class Components {

  static final int AGENT_PORT = 9410;
  static final int OPERATOR_PORT = 9411;

  private final Path root;
  private final Path work;
  private final Path java;
  private final Map<String, String> api;

  Components(Path root, Path work, String apiUrl) {
    this.root = root;
    this.work = work;
    this.java = Path.of(System.getProperty("java.home"), "bin", "java");
    this.api =
        Map.of(
            "QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL", apiUrl,
            "QUARKUS_KUBERNETES_CLIENT_TRUST_CERTS", "true",
            "QUARKUS_KUBERNETES_CLIENT_NAMESPACE", "isocore-system",
            "POD_NAMESPACE", "isocore-system",
            "QUARKUS_KUBERNETES_CLIENT_REQUEST_TIMEOUT", "30s");
  }

  /**
   * A started component and the port its /metrics is on.
   *
   * @param process its process; empty for the agent pod (the kubelet stand-in owns it)
   * @param port its HTTP port
   */
  record Started(Optional<ComponentProcess> process, int port) {
    String metricsUrl() {
      return "http://127.0.0.1:" + port + "/metrics";
    }
  }

  Started operator() throws IOException, InterruptedException {
    int port = FreePort.preferring(OPERATOR_PORT);
    Map<String, String> env = new HashMap<>(api);
    env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
    env.put("ISOCORE_LEADER_ELECTION_ENABLED", "false");
    return start("operator", "operator/target/quarkus-app/quarkus-run.jar", env, port);
  }

  Started agentProcess(String node, Sandbox sandbox) throws IOException, InterruptedException {
    int port = FreePort.preferring(AGENT_PORT);
    Map<String, String> env = new HashMap<>(api);
    env.put("NODE_NAME", node);
    env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
    Optional<Path> cgroupRoot = sandbox.agentCgroupRoot(work.resolve("agent-cgroup-root"));
    // Enforcement writes only inside the sandbox; without one it stays off (dry run).
    env.put("ISOCORE_ENFORCE_ENABLED", Boolean.toString(cgroupRoot.isPresent()));
    cgroupRoot.ifPresent(p -> env.put("ISOCORE_ENFORCE_CGROUP_ROOT", p.toString()));
    env.put("ISOCORE_ENFORCE_INTERVAL", "5s");
    env.put("ISOCORE_ENFORCE_STATE_DIR", work.resolve("agent-state").toString());
    // This machine's IRQs are not the quickstart's to move.
    env.put("ISOCORE_ENFORCE_IRQ_STEERING", "false");
    return start("node-agent", "node-agent/target/quarkus-app/quarkus-run.jar", env, port);
  }

  private Started start(String name, String jar, Map<String, String> env, int port)
      throws IOException, InterruptedException {
    Path logs = Files.createDirectories(work.resolve("logs"));
    ComponentProcess process = ComponentProcess.start(name, java, root.resolve(jar), env, logs);
    try {
      process.awaitReady(
          URI.create("http://127.0.0.1:" + port + "/q/health/ready"), Duration.ofSeconds(90));
    } catch (IOException e) {
      process.close();
      String taken = FreePort.bindable(port) ? "" : " (port " + port + " is taken)";
      throw new IOException(e.getMessage() + taken, e);
    }
    return new Started(Optional.of(process), port);
  }

  /**
   * Creates the agent's DaemonSet pod from the rendered chart and waits until the agent in it is
   * ready; the kubelet stand-in runs it through the CRI.
   */
  Started agentPod(KubernetesClient client, LocalKubelet kubelet, String node, Sandbox sandbox)
      throws IOException, InterruptedException {
    int port = FreePort.preferring(AGENT_PORT);
    Path cgroupRoot =
        sandbox
            .agentCgroupRoot(work.resolve("agent-pod-cgroup-root"), Path.of("/host/sys/fs/cgroup"))
            .orElseThrow(() -> new IOException("the agent pod needs the cgroup sandbox"));
    DaemonSet daemonSet = ChartDaemonSet.render(root.resolve("charts/isocore"), port);
    Pod pod =
        AgentPod.build(
            daemonSet,
            node,
            api.get("QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL"),
            cgroupRoot,
            root.resolve("node-agent/target/quarkus-app"));
    client.resource(pod).create();
    String key = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    URI ready = URI.create("http://127.0.0.1:" + port + "/q/health/ready");
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      String failure = kubelet.failures().get(key);
      if (failure != null) {
        throw new IOException("agent pod " + key + " did not start: " + failure);
      }
      try {
        if (http.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode()
            == 200) {
          return new Started(Optional.empty(), port);
        }
      } catch (IOException e) {
        // Not listening yet.
      }
      Thread.sleep(250);
    }
    String taken = FreePort.bindable(port) ? "" : " (port " + port + " is taken)";
    throw new IOException(
        "agent pod " + key + " not ready after 120 s" + taken + ": see " + work.resolve("pods"));
  }
}
