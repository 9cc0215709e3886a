package io.isocore.operator.bench;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.isocore.core.admission.StrideQueue;
import io.isocore.kube.events.EventRecorder;
import io.isocore.operator.app.SchedulerAssembly;
import io.isocore.operator.kube.ApiBinder;
import io.isocore.operator.kube.Binder;
import io.isocore.operator.kube.ClusterInformers;
import io.isocore.operator.kube.EventReason;
import io.isocore.operator.kube.LeaderElection;
import io.isocore.operator.metrics.OperatorMetrics;
import io.isocore.operator.scheduler.SchedulingLoop;
import io.isocore.operator.scheduler.SchedulingReconciler;
import io.isocore.operator.testing.ClusterFixtures;
import io.isocore.operator.testing.Invariants;
import io.isocore.operator.testing.MockCluster;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.PrintStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * End-to-end placement rate of the production operator code (informers, the scheduling loop under
 * Lease election, the commit pipeline, {@link ApiBinder}) against {@link StandInApiServer}, which
 * answers every request after a fixed delay without serializing them. The same run first measures
 * the stand-in's own ceiling (requests/s with no operator), with the delay and without.
 *
 * <p>{@code nodes} NodeTopologies of 2 sockets x 2 NUMA nodes x 8 cores x SMT2 (30 isolated cores
 * each) and {@code pods} latency pods of 2, 2 and 4 CPUs, all pending before the operator starts;
 * unmeasured passes of 2,000 pods, each on a stand-in of its own, first warm the JVM (the operator
 * in a cluster has been running; {@code --warmup-passes}, 5 by default). As scheduler_perf measures
 * the kube-scheduler's anchor (its initPods, a tenth of the measured pods, are scheduled before it
 * measures), the rate runs from the Binding that completes the first tenth to the last; the rate
 * from the start of leadership is printed beside it. Run through {@code bench/operator/run.sh}.
 */
public final class OperatorEndToEndBench {
  static final int IN_FLIGHT = 64;

  /** Unmeasured passes before the measured run, unless {@code --warmup-passes} says otherwise. */
  static final int WARMUP_PASSES = 5;

  static final int WARMUP_PODS = 2000;

  private OperatorEndToEndBench() {}

  public static void main(String[] args) {
    try {
      System.exit(measure(args));
    } catch (Throwable e) {
      // Exit either way: the mock server's Vert.x threads are not daemons and would keep a
      // failed run waiting forever.
      e.printStackTrace();
      System.exit(2);
    }
  }

  private static int measure(String[] args) throws Exception {
    int pods = 1000;
    int nodes = 50;
    int latencyMs = 5;
    int warmupPasses = WARMUP_PASSES;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--pods" -> pods = Integer.parseInt(args[i + 1]);
        case "--nodes" -> nodes = Integer.parseInt(args[i + 1]);
        case "--api-latency-ms" -> latencyMs = Integer.parseInt(args[i + 1]);
        case "--warmup-passes" -> warmupPasses = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (warmupPasses < 0) {
      throw new IllegalArgumentException("--warmup-passes must be 0 or more, not " + warmupPasses);
    }
    if (pods * 4 / 3 > nodes * 30) {
      throw new IllegalArgumentException(
          pods + " pods need more than the " + nodes * 30 + " cores of " + nodes + " nodes");
    }
    Logger.getLogger("").setLevel(Level.WARNING);
    Logger.getLogger("io.fabric8").setLevel(Level.SEVERE);
    int code;
    double c0;
    double c;
    // Fresh stand-ins of the same code for the ceiling, so their objects do not weigh on the run.
    c0 = Ceiling.measure(Duration.ZERO, pods);
    c = Ceiling.measure(Duration.ofMillis(latencyMs), pods);
    // The run's stand-in ends holding an allocation per pod; halfway, half of them.
    double cMid = Ceiling.measure(Duration.ofMillis(latencyMs), pods, pods / 2);
    // The operator has been running when it meets a burst of pods (scheduler_perf, which measures
    // the kube-scheduler's anchor, first schedules initPods unmeasured): as JMH's warm-up
    // iterations do, unmeasured passes of the same code, each on a stand-in of its own, compile the
    // operator's paths before the measured run. With one pass the compiler threads still took 40%
    // of the machine in the measured run (docs/benchmarks.md); the line before the result gives
    // the JIT's time during the run.
    for (int pass = 0; pass < warmupPasses; pass++) {
      try (StandInApiServer api = new StandInApiServer()) {
        int warmNodes = Math.max(1, (WARMUP_PODS * 4 / 3 + 29) / 30);
        PrintStream discard = new PrintStream(java.io.OutputStream.nullOutputStream());
        if (run(api, WARMUP_PODS, warmNodes, latencyMs, c, c0, discard) != 0) {
          throw new IllegalStateException(
              "warm-up pass " + (pass + 1) + " did not place every pod");
        }
      }
    }
    Logger.getLogger("").setLevel(Level.WARNING);
    try (StandInApiServer api = new StandInApiServer()) {
      System.out.printf(
          "stand-in ceiling (create + binding, %d clients): %.0f requests/s at %d ms, %.0f without"
              + " delay; two writes per pod allow %.0f pods/s%n",
          Ceiling.CONCURRENCY, c, latencyMs, c0, c / 2);
      System.out.printf(
          "stand-in ceiling with the run's mid-point store (%d pods + %d objects): %.0f"
              + " requests/s at %d ms (%.0f pods/s)%n",
          Math.max(Ceiling.MIN_PODS, pods), pods / 2, cMid, latencyMs, cMid / 2);
      System.out.printf(
          "warm-up passes before the run (unmeasured, %d pods each): %d%n",
          WARMUP_PODS, warmupPasses);
      code = run(api, pods, nodes, latencyMs, c, c0, System.out);
    }
    return code;
  }

  static int run(
      StandInApiServer api,
      int pods,
      int nodes,
      int latencyMs,
      double c,
      double c0,
      PrintStream out)
      throws Exception {
    KubernetesClient client = api.client(4 * IN_FLIGHT);
    MockCluster.installCrds(client);
    client
        .resource(ClusterFixtures.profile("latency", ClusterFixtures.reservedCpus(2, 2, 8, 2)))
        .create();
    parallel(
        nodes,
        i -> {
          client.resource(ClusterFixtures.node("n" + i, 64)).create();
          MockCluster.createWithStatus(client, ClusterFixtures.topology("n" + i, 2, 2, 8, 2));
        });
    parallel(
        pods,
        i ->
            client
                .resource(
                    ClusterFixtures.latencyPod("bench-" + (i % 10), "p" + i, i % 3 == 2 ? 4 : 2))
                .create());
    api.latency(Duration.ofMillis(latencyMs));
    api.takeRequests(); // the setup's writes are not the run's

    TimedBinder binder = new TimedBinder(new ApiBinder(client));
    AtomicReference<SchedulingLoop> loop = new AtomicReference<>();
    Runnable wake =
        () -> {
          if (loop.get() != null) loop.get().kick();
        };
    ClusterInformers informers = new ClusterInformers(client, wake);
    AtomicReference<LeaderElection> election = new AtomicReference<>();
    Clock clock = Clock.systemUTC();
    SchedulingReconciler reconciler =
        SchedulerAssembly.reconciler(
            client,
            informers,
            binder,
            new EventRecorder(
                client,
                EventReason.COMPONENT,
                "bench",
                clock,
                EventRecorder.backgroundSender(EventReason.SENDER_THREAD)),
            () -> new StrideQueue(4),
            Set.of(),
            new OperatorMetrics(new PrometheusRegistry()),
            clock,
            new SchedulerAssembly.Commits(() -> election.get().held(), IN_FLIGHT, wake));
    loop.set(new SchedulingLoop(reconciler, Duration.ofSeconds(30)));
    informers.start(Duration.ofMinutes(2));
    AtomicLong leadingSince = new AtomicLong();
    election.set(
        new LeaderElection(
            client,
            new LeaderElection.Settings(
                "isocore-system",
                "isocore-scheduler",
                "bench",
                Duration.ofSeconds(15),
                Duration.ofSeconds(10),
                Duration.ofSeconds(2)),
            () -> {
              leadingSince.set(System.nanoTime());
              loop.get().startLeading();
            },
            () -> {}));
    // As JMH does between iterations: the ceilings, the warm-up passes and the setup leave garbage
    // that a short run would otherwise pay for in its first collections.
    System.gc();
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    long jitBefore = jit.getTotalCompilationTime();
    election.get().start();
    long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
    while (binder.bound.get() < pods && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    long end = binder.lastBound.get();
    long jitMs = jit.getTotalCompilationTime() - jitBefore;
    double seconds = (end - leadingSince.get()) / 1e9;
    List<String> violations = Invariants.violations(client);
    long bound =
        client.pods().inAnyNamespace().list().getItems().stream()
            .filter(p -> p.getSpec().getNodeName() != null)
            .count();
    // As scheduler_perf measures the anchor (SchedulingBasic schedules initPods, a tenth of the
    // measured pods, before it measures with the scheduler running): the first tenth of the
    // Bindings (the leader's start, its first cycle, the connections' ramp) are left out and the
    // rate runs from the Binding that ends them to the last. The rate from the start of leadership
    // is printed beside it.
    int warmup = pods / 10;
    long[] answered = binder.binds.stream().mapToLong(b -> b[1]).sorted().toArray();
    long measuredFrom = warmup == 0 ? leadingSince.get() : answered[warmup - 1];
    double measuredSeconds = (end - measuredFrom) / 1e9;
    long[] took =
        binder.binds.stream()
            .filter(b -> b[1] > measuredFrom)
            .mapToLong(b -> b[1] - b[0])
            .sorted()
            .toArray();
    out.printf(
        "pods=%d nodes=%d bound=%d binds=%d invariant violations=%d%n",
        pods, nodes, bound, answered.length, violations.size());
    violations.stream().limit(5).forEach(v -> out.println("  " + v));
    Map<String, Long> requests = api.takeRequests();
    StringBuilder mix = new StringBuilder("stand-in requests per pod during the run:");
    requests.entrySet().stream()
        .filter(e -> e.getValue() * 100 >= pods) // 0.01 per pod and more
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(
            e -> mix.append(String.format(" %s %.2f,", e.getKey(), e.getValue() / (double) pods)));
    out.println(mix.substring(0, mix.length() - 1));
    out.println("stand-in requests during the run, all: " + requests);
    long firstSent = binder.firstSent.get();
    long firstDone = binder.firstBound.get();
    out.printf(
        "from the start of leadership: first Binding sent after %.0f ms, answered after %.0f ms;"
            + " last after %.0f ms: %.0f pods/s; after the first %d Bindings: %d pods in %.0f ms%n",
        (firstSent - leadingSince.get()) / 1e6,
        (firstDone - leadingSince.get()) / 1e6,
        (end - leadingSince.get()) / 1e6,
        pods / seconds,
        warmup,
        pods - warmup,
        measuredSeconds * 1000);
    out.printf("the JIT compiled for %d ms during the run's %.0f ms%n", jitMs, seconds * 1000);
    String result =
        String.format(
            "end-to-end: %.0f pods/s, bind p50 %.1f ms, p99 %.1f ms (api latency %d ms, ceiling %.0f requests/s at that latency, %.0f without)",
            (pods - warmup) / measuredSeconds, pct(took, 0.50), pct(took, 0.99), latencyMs, c, c0);
    Logger.getLogger("").setLevel(Level.OFF); // shutting down: nothing after the result line
    election.get().close();
    loop.get().close();
    informers.close();
    out.println(result);
    return bound == pods && violations.isEmpty() ? 0 : 1;
  }

  /** Times each Binding (the production binder's request) and when the last one succeeded. */
  static final class TimedBinder implements Binder {
    final Binder binder;

    /** Each successful Binding: when it was sent and when it was answered (nanoTime). */
    final ConcurrentLinkedQueue<long[]> binds = new ConcurrentLinkedQueue<>();

    final AtomicLong bound = new AtomicLong();
    final AtomicLong lastBound = new AtomicLong();
    final AtomicLong firstSent = new AtomicLong(Long.MAX_VALUE);
    final AtomicLong firstBound = new AtomicLong(Long.MAX_VALUE);

    TimedBinder(Binder binder) {
      this.binder = binder;
    }

    @Override
    public void bind(Pod pod, String nodeName) {
      long start = System.nanoTime();
      firstSent.accumulateAndGet(start, Math::min);
      binder.bind(pod, nodeName);
      long now = System.nanoTime();
      binds.add(new long[] {start, now});
      lastBound.accumulateAndGet(now, Math::max);
      firstBound.accumulateAndGet(now, Math::min);
      bound.incrementAndGet();
    }
  }

  interface Task {
    void run(int i) throws Exception;
  }

  static void parallel(int n, Task task) throws Exception {
    try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
      for (int i = 0; i < n; i++) {
        int index = i;
        pool.submit(
            () -> {
              task.run(index);
              return null;
            });
      }
    }
  }

  private static double pct(long[] sorted, double q) {
    return sorted.length == 0
        ? 0
        : sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1e6;
  }
}
