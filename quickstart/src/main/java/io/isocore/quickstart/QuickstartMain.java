package io.isocore.quickstart;

import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.isocore.api.v1alpha1.CoreAllocation;
import io.isocore.api.v1alpha1.IsolatedCpus;
import io.isocore.api.v1alpha1.IsolationProfile;
import io.isocore.api.v1alpha1.IsolationProfileSpec;
import io.isocore.api.v1alpha1.JitterProbeSpec;
import io.isocore.api.v1alpha1.LatencyTenant;
import io.isocore.core.cpu.CpuSet;
import io.isocore.quickstart.kubelet.LocalKubelet;
import io.isocore.quickstart.kubelet.RunningContainer;
import io.isocore.quickstart.kubelet.Sandbox;
import io.isocore.quickstart.kubelet.WorkloadCatalog;
import io.isocore.quickstart.plane.ComponentProcess;
import io.isocore.quickstart.plane.LocalControlPlane;
import io.isocore.quickstart.plane.LocalNode;
import io.isocore.quickstart.view.CpuInterrupts;
import io.isocore.quickstart.view.LiveView;
import io.isocore.quickstart.view.RunSummary;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.FileHandler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * {@code ./isocore quickstart}: isocore doing its main job on this machine. An embedded API server
 * (Fabric8 mock, CRUD mode) with the CRDs; this machine registered as a Node; the real operator and
 * node agent as child processes against it; a default IsolationProfile (CPU 0 for housekeeping) and
 * the example tenants; then a latency pod and a noisy neighbour run as local processes in a sandbox
 * cgroup subtree that the agent enforces exactly as on a node.
 */
public final class QuickstartMain {

  static final int AGENT_PORT = 9410;
  static final int OPERATOR_PORT = 9411;

  private QuickstartMain() {}

  public static void main(String[] args) throws Exception {
    QuickstartOptions options;
    try {
      options = QuickstartOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("isocore quickstart: " + e.getMessage());
      System.err.println(
          "usage: ./isocore quickstart [--duration 60s] [--dry-run] [--no-isolation]");
      System.exit(2);
      return;
    }
    int code;
    try {
      code = new Quickstart(repositoryRoot(), options).run();
    } catch (Exception e) {
      System.err.println("isocore quickstart failed: " + e.getMessage());
      System.err.println(
          "details: quickstart/target/run/quickstart.log and quickstart/target/run/logs/");
      Logger.getLogger(QuickstartMain.class.getName()).log(Level.SEVERE, "quickstart failed", e);
      code = 1;
    }
    // Exits through the shutdown hook, which stops the pods and components and removes the sandbox.
    System.exit(code);
  }

  static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    String home = System.getProperty("isocore.root");
    if (home != null) {
      return Path.of(home);
    }
    while (dir != null && !Files.isDirectory(dir.resolve("crds"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("run from the isocore repository (no crds/ folder found)");
    }
    return dir;
  }

  /** One run of the quickstart. */
  static final class Quickstart {
    private final Path root;
    private final QuickstartOptions options;
    private final Path work;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);

    Quickstart(Path root, QuickstartOptions options) {
      this.root = root;
      this.options = options;
      this.work = root.resolve("quickstart/target/run");
    }

    int run() throws Exception {
      Files.createDirectories(work);
      logToFile(work.resolve("quickstart.log"));
      String node = InetAddress.getLocalHost().getHostName().toLowerCase();
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      Runtime.getRuntime().addShutdownHook(new Thread(this::cleanUp, "isocore-quickstart-cleanup"));

      LocalControlPlane plane = LocalControlPlane.start(root.resolve("crds"));
      resources.add(plane);
      KubernetesClient client = plane.client();
      client.nodes().resource(LocalNode.describe(node, Path.of("/"))).create();
      for (String ns : List.of("isocore-system", "equities-md", "equities-oms", "fx", "batch")) {
        client
            .namespaces()
            .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
            .create();
      }

      Sandbox sandbox =
          options.dryRun() || !options.isolation()
              ? Sandbox.create(Path.of("/nonexistent"), "")
              : Sandbox.create(
                  Path.of("/sys/fs/cgroup"), "isocore-quickstart-" + ProcessHandle.current().pid());
      resources.add(sandbox);
      String enforcement = enforcementLine(options, sandbox);
      System.out.println("isocore quickstart: " + enforcement);

      client.resource(profile()).create();
      for (String file : List.of("latencytenant.yaml", "latencytenant-fx.yaml")) {
        try (InputStream in = Files.newInputStream(root.resolve("examples").resolve(file))) {
          client.resource(Serialization.unmarshal(in, LatencyTenant.class)).create();
        }
      }

      Map<String, String> api =
          Map.of(
              "QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL", plane.url(),
              "QUARKUS_KUBERNETES_CLIENT_TRUST_CERTS", "true",
              "QUARKUS_KUBERNETES_CLIENT_NAMESPACE", "isocore-system",
              "POD_NAMESPACE", "isocore-system",
              "QUARKUS_KUBERNETES_CLIENT_REQUEST_TIMEOUT", "30s");
      Path logs = work.resolve("logs");
      Files.createDirectories(logs);
      List<ComponentProcess> components = new ArrayList<>();
      if (options.isolation()) {
        Map<String, String> agentEnv = new HashMap<>(api);
        agentEnv.putAll(agentEnvironment(node, sandbox));
        components.add(
            ComponentProcess.start(
                "node-agent",
                java,
                root.resolve("node-agent/target/quarkus-app/quarkus-run.jar"),
                agentEnv,
                logs));
      }
      Map<String, String> operatorEnv = new HashMap<>(api);
      operatorEnv.put("QUARKUS_HTTP_PORT", Integer.toString(OPERATOR_PORT));
      operatorEnv.put("ISOCORE_LEADER_ELECTION_ENABLED", "false");
      components.add(
          ComponentProcess.start(
              "operator",
              java,
              root.resolve("operator/target/quarkus-app/quarkus-run.jar"),
              operatorEnv,
              logs));
      resources.addAll(components);
      System.out.println(
          "isocore quickstart: starting "
              + components.stream().map(ComponentProcess::name).toList()
              + "...");
      for (ComponentProcess component : components) {
        int port = component.name().equals("operator") ? OPERATOR_PORT : AGENT_PORT;
        component.awaitReady(
            URI.create("http://127.0.0.1:" + port + "/q/health/ready"), Duration.ofSeconds(90));
      }

      WorkloadCatalog catalog =
          new WorkloadCatalog(java, System.getProperty("java.class.path"), work.resolve("pods"));
      LocalKubelet kubelet = new LocalKubelet(client, node, sandbox, catalog);
      resources.add(kubelet);
      kubelet.start();

      Map<String, Long> interruptsAtStart = new HashMap<>();
      for (String file : List.of("latency-workload.yaml", "noisy-neighbour.yaml")) {
        try (InputStream in =
            Files.newInputStream(root.resolve("examples/quickstart").resolve(file))) {
          Pod pod = Serialization.unmarshal(in, Pod.class);
          if (!options.isolation()) {
            pod.getSpec().setSchedulerName(null);
          }
          client.resource(pod).create();
        }
      }
      bindDefaultScheduledPods(client, node);

      String header =
          "isocore quickstart on node "
              + node
              + "   API "
              + plane.url()
              + "   metrics http://127.0.0.1:"
              + AGENT_PORT
              + "/metrics (agent), http://127.0.0.1:"
              + OPERATOR_PORT
              + "/metrics (operator)\n"
              + enforcement;
      LiveView view = new LiveView(System.out, Path.of("/proc"), header);
      boolean terminal = System.console() != null && options.duration().isEmpty();
      Instant start = Instant.now();
      Instant end = options.duration().map(start::plus).orElse(Instant.MAX);
      int frame = 0;
      while (Instant.now().isBefore(end) && stopped.getCount() > 0) {
        bindDefaultScheduledPods(client, node);
        for (var pod : kubelet.pods().values()) {
          for (RunningContainer c : pod.containers()) {
            if (c.latencyWorkload()) {
              CpuSet cpus =
                  io.isocore.quickstart.view.ProcessFacts.read(Path.of("/proc"), c.process().pid())
                      .cpusAllowed();
              interruptsAtStart.putIfAbsent(
                  cpus.toString(), CpuInterrupts.total(Path.of("/proc"), cpus));
            }
          }
        }
        if (terminal || frame % 10 == 0) {
          view.render(
              Duration.between(start, Instant.now()),
              options.duration(),
              allocations(client),
              kubelet.pods(),
              interruptsAtStart,
              terminal);
        }
        frame++;
        stopped.await(1, TimeUnit.SECONDS);
      }
      System.out.println("\n=== isocore quickstart summary ===");
      view.render(
          Duration.between(start, Instant.now()),
          options.duration(),
          allocations(client),
          kubelet.pods(),
          interruptsAtStart,
          false);
      if (options.summary().isPresent()) {
        RunSummary.collect(
                options.isolation(),
                Duration.between(start, Instant.now()).toSeconds(),
                Path.of("/proc"),
                kubelet.pods().values(),
                interruptsAtStart)
            .write(options.summary().get());
      }
      System.out.println(
          "\nlogs: " + work.resolve("logs") + "   workload output: " + work.resolve("pods"));
      cleanUp();
      return 0;
    }

    /** The one line that says what enforcement does in this run. */
    static String enforcementLine(QuickstartOptions options, Sandbox sandbox) {
      if (!options.isolation()) {
        return "enforcement: OFF (--no-isolation): no agent, no isocore scheduler; pods float over every CPU";
      }
      return sandbox
          .dryRunReason()
          .map(
              reason ->
                  "enforcement: DRY RUN ("
                      + (options.dryRun() ? "--dry-run" : reason)
                      + "): nothing is written to cgroups; pods float over every CPU")
          .orElseGet(
              () ->
                  "enforcement: cgroup v1 sandbox "
                      + sandbox.cpusetRoot().orElseThrow()
                      + " (removed on exit)");
    }

    private Map<String, String> agentEnvironment(String node, Sandbox sandbox) throws IOException {
      Map<String, String> env = new HashMap<>();
      env.put("NODE_NAME", node);
      env.put("QUARKUS_HTTP_PORT", Integer.toString(AGENT_PORT));
      env.put("ISOCORE_AGENT_ROOT", "/");
      env.put("ISOCORE_PROBE_ENABLED", "false");
      Optional<Path> cgroupRoot = sandbox.agentCgroupRoot(work.resolve("agent-cgroup-root"));
      // Enforcement writes only inside the sandbox; without one it stays off (dry run).
      env.put("ISOCORE_ENFORCE_ENABLED", Boolean.toString(cgroupRoot.isPresent()));
      cgroupRoot.ifPresent(p -> env.put("ISOCORE_ENFORCE_CGROUP_ROOT", p.toString()));
      env.put("ISOCORE_ENFORCE_INTERVAL", "5s");
      env.put("ISOCORE_ENFORCE_STATE_DIR", work.resolve("agent-state").toString());
      // This machine's IRQs are not the quickstart's to move.
      env.put("ISOCORE_ENFORCE_IRQ_STEERING", "false");
      return env;
    }

    private static IsolationProfile profile() {
      int cpus = Runtime.getRuntime().availableProcessors();
      IsolationProfile profile = new IsolationProfile();
      profile.getMetadata().setName("quickstart");
      profile.setSpec(
          new IsolationProfileSpec(
              Map.of("isocore.io/enabled", "true"),
              "0",
              new IsolatedCpus(
                  IsolatedCpus.Source.Explicit, CpuSet.range(1, Math.max(1, cpus - 1)).toString()),
              IsolationProfileSpec.SmtPolicy.FullCores,
              IsolationProfileSpec.NumaPolicy.SingleNodeRequired,
              false,
              IsolationProfileSpec.UnallocatedPolicy.Idle,
              new JitterProbeSpec(false, 300, 10, 1000L),
              null));
      return profile;
    }

    /** Stands in for the default scheduler: binds pods that are not isocore's to this node. */
    private static void bindDefaultScheduledPods(KubernetesClient client, String node) {
      for (Pod pod : client.pods().inAnyNamespace().list().getItems()) {
        if (pod.getSpec().getNodeName() == null
            && !"isocore".equals(pod.getSpec().getSchedulerName())) {
          Binding binding =
              new BindingBuilder()
                  .withNewMetadata()
                  .withName(pod.getMetadata().getName())
                  .withNamespace(pod.getMetadata().getNamespace())
                  .withUid(pod.getMetadata().getUid())
                  .endMetadata()
                  .withNewTarget()
                  .withKind("Node")
                  .withName(node)
                  .endTarget()
                  .build();
          try {
            client
                .bindings()
                .inNamespace(pod.getMetadata().getNamespace())
                .resource(binding)
                .create();
          } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
              throw e;
            }
            // Bound already (the default scheduler's stand-in saw the pod before the bind landed).
          }
        }
      }
    }

    private static List<CoreAllocation> allocations(KubernetesClient client) {
      return client.resources(CoreAllocation.class).inAnyNamespace().list().getItems();
    }

    private synchronized void cleanUp() {
      stopped.countDown();
      // Stop the pods before the agent, the agent before the sandbox goes.
      for (int i = resources.size() - 1; i >= 0; i--) {
        try {
          resources.get(i).close();
        } catch (Exception e) {
          System.err.println("isocore quickstart: cleanup: " + e.getMessage());
        }
      }
      resources.clear();
    }

    private static void logToFile(Path file) throws IOException {
      Logger rootLogger = Logger.getLogger("");
      for (var handler : rootLogger.getHandlers()) {
        rootLogger.removeHandler(handler);
      }
      FileHandler handler = new FileHandler(file.toString());
      handler.setFormatter(new SimpleFormatter());
      rootLogger.addHandler(handler);
      rootLogger.setLevel(Level.INFO);
    }
  }
}
