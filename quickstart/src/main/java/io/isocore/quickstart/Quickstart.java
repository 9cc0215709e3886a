package io.isocore.quickstart;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.isocore.core.cpu.CpuSet;
import io.isocore.quickstart.kubelet.LocalKubelet;
import io.isocore.quickstart.kubelet.RunningContainer;
import io.isocore.quickstart.kubelet.RunningPod;
import io.isocore.quickstart.kubelet.Sandbox;
import io.isocore.quickstart.kubelet.WorkloadCatalog;
import io.isocore.quickstart.plane.LocalControlPlane;
import io.isocore.quickstart.plane.LocalNode;
import io.isocore.quickstart.view.AgentNoise;
import io.isocore.quickstart.view.AgentNoiseScraper;
import io.isocore.quickstart.view.CpuInterrupts;
import io.isocore.quickstart.view.LiveView;
import io.isocore.quickstart.view.NoiseFloor;
import io.isocore.quickstart.view.ProcessFacts;
import io.isocore.quickstart.view.RunSummary;
import java.io.IOException;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.FileHandler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * One run of the quickstart: the embedded API and this machine as its Node, the sandbox, the pod
 * runtime (containerd or local processes), the agent and the operator, the example objects and
 * pods, then the live view until the duration ends or Ctrl-C; everything is closed in reverse.
 */
final class Quickstart {

  private static final Path PROC = Path.of("/proc");

  private final Path root;
  private final QuickstartOptions options;
  private final Path work;
  private final List<AutoCloseable> resources = new ArrayList<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private URI agentMetrics;

  Quickstart(Path root, QuickstartOptions options) {
    this.root = root;
    this.options = options;
    this.work = root.resolve("quickstart/target/run");
  }

  int run() throws Exception {
    Files.createDirectories(work);
    // The previous run's pod output (its logs stay in logs/ until this run's overwrite them).
    Sandbox.deleteFiles(work.resolve("pods"));
    logToFile(work.resolve("quickstart.log"));
    String node = InetAddress.getLocalHost().getHostName().toLowerCase();
    Runtime.getRuntime().addShutdownHook(new Thread(this::cleanUp, "isocore-quickstart-cleanup"));

    // --no-isolation keeps the sandbox (pods run in it on the same runtime, so bench/isolation
    // compares like with like); only --dry-run goes without one.
    Sandbox sandbox =
        options.dryRun()
            ? Sandbox.create(Path.of("/nonexistent"), "")
            : Sandbox.create(
                Path.of("/sys/fs/cgroup"), "isocore-quickstart-" + ProcessHandle.current().pid());
    resources.add(sandbox);
    WorkloadCatalog catalog =
        new WorkloadCatalog(
            Path.of(System.getProperty("java.home"), "bin", "java"),
            System.getProperty("java.class.path"),
            work.resolve("pods"));
    PodRuntimeSetup runtime = PodRuntimeSetup.choose(options, sandbox, root, work, node, catalog);
    runtime.containerd().ifPresent(resources::add);
    resources.add(runtime.runtime());
    System.out.println("isocore quickstart: " + runtime.line());
    String enforcement = enforcementLine(options, sandbox);
    System.out.println("isocore quickstart: " + enforcement);

    LocalControlPlane plane = LocalControlPlane.start(root.resolve("crds"));
    resources.add(plane);
    KubernetesClient client = plane.client();
    client.nodes().resource(LocalNode.describe(node, Path.of("/"))).create();
    QuickstartObjects.apply(client, root);

    LocalKubelet kubelet = new LocalKubelet(client, node, runtime.runtime());
    resources.add(kubelet);
    kubelet.start();
    String metrics =
        startComponents(
            new Components(root, work, plane.url()),
            client,
            kubelet,
            node,
            sandbox,
            runtime.containerd().isPresent());

    // On a 2-CPU machine the latency pod soon holds the only isolated CPU: measure it first.
    String before = noiseFloorBefore(sandbox);
    QuickstartObjects.createPods(client, root, options.isolation());
    QuickstartObjects.bindDefaultScheduledPods(client, node);

    String header =
        "isocore quickstart on node %s   API %s   %s%n%s%n  metrics %s%s"
            .formatted(
                node,
                plane.url(),
                runtime.line(),
                enforcement,
                metrics,
                before.isEmpty() ? "" : "\n  before: " + before);
    watch(client, kubelet, node, new LiveView(System.out, PROC, header));
    System.out.println(
        "\nlogs: " + work.resolve("logs") + "   workload output: " + work.resolve("pods"));
    cleanUp();
    return 0;
  }

  /** Starts the agent (a pod with containerd, else a process) and the operator; their URLs. */
  private String startComponents(
      Components components,
      KubernetesClient client,
      LocalKubelet kubelet,
      String node,
      Sandbox sandbox,
      boolean containerd)
      throws IOException, InterruptedException {
    boolean agentPod = containerd && options.isolation();
    System.out.println(
        "isocore quickstart: starting the node agent"
            + (agentPod ? " (DaemonSet pod from charts/isocore, through the CRI)" : "")
            + " and the operator...");
    String metrics = "";
    if (options.isolation()) {
      Components.Started agent =
          agentPod
              ? components.agentPod(client, kubelet, node, sandbox)
              : components.agentProcess(node, sandbox);
      agent.process().ifPresent(resources::add);
      agentMetrics = URI.create(agent.metricsUrl());
      metrics += agent.metricsUrl() + " (agent), ";
    }
    Components.Started operator = components.operator();
    operator.process().ifPresent(resources::add);
    metrics += operator.metricsUrl() + " (operator)";
    System.out.println("isocore quickstart: metrics " + metrics);
    return metrics;
  }

  /**
   * Waits (at most 20 s; the probe's first window ends about 8 s after the agent's first pass) for
   * the agent's jitter probe to measure the idle isolated CPU, and prints its noise floor: the
   * "before". Returns the line, or "" when there is no agent or enforcement runs dry.
   */
  private String noiseFloorBefore(Sandbox sandbox) throws InterruptedException {
    if (agentMetrics == null || sandbox.dryRunReason().isPresent()) {
      return "";
    }
    int cpu = QuickstartObjects.FIRST_ISOLATED_CPU;
    System.out.println(
        "isocore quickstart: the agent probes idle isolated CPU "
            + cpu
            + " before the latency pod...");
    String line =
        NoiseFloor.await(agentMetrics, cpu, Duration.ofSeconds(20))
            .map(NoiseFloor::line)
            .orElse(
                "noise floor of idle isolated CPU "
                    + cpu
                    + ": no probe window within 20 s (see the agent's log)");
    System.out.println("isocore quickstart: " + line);
    return line;
  }

  /** Says which isocore_cpu_jitter_* series the agent's /metrics has for the probed CPU. */
  private void printJitterSeries() throws InterruptedException {
    if (agentMetrics == null) {
      return;
    }
    int cpu = QuickstartObjects.FIRST_ISOLATED_CPU;
    // The agent shares CPU 0 with the noisy neighbour: its /metrics may answer slowly.
    System.out.println(
        NoiseFloor.await(agentMetrics, cpu, Duration.ofSeconds(20))
            .map(
                f ->
                    "agent /metrics: %d probe window(s) on CPU %d; series %s"
                        .formatted(f.windows(), cpu, String.join(", ", f.series())))
            .orElse("agent /metrics: no jitter series for CPU " + cpu));
  }

  private void watch(KubernetesClient client, LocalKubelet kubelet, String node, LiveView view)
      throws IOException, InterruptedException {
    Map<String, Long> interruptsAtStart = new HashMap<>();
    boolean terminal = System.console() != null && options.duration().isEmpty();
    Instant start = Instant.now();
    Instant end = options.duration().map(start::plus).orElse(Instant.MAX);
    // The agent's noise by source during the run, for the summary's noise windows.
    AgentNoiseScraper noise =
        agentMetrics == null
            ? null
            : AgentNoiseScraper.start(agentMetrics, AgentNoiseScraper.EVERY);
    int frame = 0;
    while (Instant.now().isBefore(end) && stopped.getCount() > 0) {
      QuickstartObjects.bindDefaultScheduledPods(client, node);
      for (RunningPod pod : kubelet.pods().values()) {
        for (RunningContainer c : pod.containers()) {
          if (c.latencyWorkload()) {
            CpuSet cpus = ProcessFacts.read(PROC, c.pid()).cpusAllowed();
            interruptsAtStart.putIfAbsent(cpus.toString(), CpuInterrupts.total(PROC, cpus));
          }
        }
      }
      if (terminal || frame % 10 == 0) {
        render(view, client, kubelet, start, interruptsAtStart, terminal);
      }
      frame++;
      stopped.await(1, TimeUnit.SECONDS);
    }
    System.out.println("\n=== isocore quickstart summary ===");
    render(view, client, kubelet, start, interruptsAtStart, false);
    printJitterSeries();
    List<AgentNoise.Window> windows = List.of();
    if (noise != null) {
      noise.close();
      windows = noise.windows();
    }
    Path summary = options.summary().orElse(work.resolve("summary.json"));
    RunSummary.collect(
            options.isolation(),
            Duration.between(start, Instant.now()).toSeconds(),
            PROC,
            kubelet.pods().values(),
            interruptsAtStart,
            windows)
        .write(summary);
    writeReport(summary);
  }

  /** The run as an HTML page with charts (docs/report.md); its path is the last line printed. */
  private void writeReport(Path summary) {
    try {
      Path page = io.isocore.report.ReportMain.run(java.util.List.of(summary.toString()));
      System.out.println("report: " + page);
    } catch (java.io.IOException | RuntimeException e) {
      // The run itself succeeded: a page that cannot be drawn is reported, not fatal.
      System.out.println("report: not written (" + e.getMessage() + ")");
    }
  }

  private void render(
      LiveView view,
      KubernetesClient client,
      LocalKubelet kubelet,
      Instant start,
      Map<String, Long> interruptsAtStart,
      boolean clear) {
    view.render(
        Duration.between(start, Instant.now()),
        options.duration(),
        QuickstartObjects.allocations(client),
        kubelet.pods(),
        kubelet.failures(),
        interruptsAtStart,
        clear);
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

  synchronized void cleanUp() {
    stopped.countDown();
    // Pods before the runtime, the runtime and the agent before the sandbox goes.
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
