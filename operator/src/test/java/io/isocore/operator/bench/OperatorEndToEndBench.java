package io.isocore.operator.bench;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.isocore.api.v1alpha1.CoreAllocation;
import io.isocore.operator.testing.ClusterFixtures;
import io.isocore.operator.testing.MockCluster;
import io.isocore.operator.testing.SchedulerHarness;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * End-to-end placement rate through the Fabric8 mock API server (CRUD mode): {@code nodes}
 * NodeTopologies (2 sockets x 2 NUMA nodes x 8 cores x SMT2, 30 isolated cores each) and {@code
 * pods} latency pods of 2, 2 and 4 CPUs created as fast as the API takes them; the production
 * scheduling loop (single thread, informer-kicked) under Lease election places them. Reports pods/s
 * from first create to last bind and per-pod create-to-bound latency.
 *
 * <p>Run: {@code java -cp <test classpath> io.isocore.operator.bench.OperatorEndToEndBench [pods]
 * [nodes]}.
 */
public final class OperatorEndToEndBench {
  private OperatorEndToEndBench() {}

  public static void main(String[] args) throws Exception {
    int pods = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int nodes = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    boolean backlog = args.length > 2 && "backlog".equals(args[2]);
    Logger.getLogger("io.fabric8.mockwebserver").setLevel(Level.WARNING);
    Logger.getLogger("io.fabric8.kubernetes.client").setLevel(Level.WARNING);
    Logger.getLogger("io.isocore").setLevel(Level.WARNING);
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(List.of()),
            false);
    server.init();
    try (KubernetesClient client = server.createClient()) {
      run(client, pods, nodes, backlog);
    } finally {
      server.destroy();
    }
    // The mock server's Vert.x threads are not daemons.
    System.exit(0);
  }

  static void run(KubernetesClient client, int pods, int nodes, boolean backlog) throws Exception {
    MockCluster.installCrds(client);
    client
        .resource(ClusterFixtures.profile("latency", ClusterFixtures.reservedCpus(2, 2, 8, 2)))
        .create();
    for (int i = 0; i < nodes; i++) {
      client.resource(ClusterFixtures.node("n" + i, 64)).create();
      MockCluster.createWithStatus(client, ClusterFixtures.topology("n" + i, 2, 2, 8, 2));
    }
    Map<String, Long> created = new ConcurrentHashMap<>();
    Map<String, Long> bound = new ConcurrentHashMap<>();
    SharedIndexInformer<Pod> watch =
        client
            .pods()
            .inAnyNamespace()
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(Pod p) {
                    onUpdate(null, p);
                  }

                  @Override
                  public void onUpdate(Pod o, Pod p) {
                    if (p.getSpec().getNodeName() != null) {
                      bound.putIfAbsent(p.getMetadata().getName(), System.nanoTime());
                    }
                  }

                  @Override
                  public void onDelete(Pod p, boolean unknown) {}
                });
    long start;
    long createStart;
    long createdAll;
    SchedulerHarness scheduler =
        new SchedulerHarness(
            client,
            "bench",
            io.isocore.kube.events.EventRecorder.backgroundSender(
                io.isocore.operator.kube.EventReason.SENDER_THREAD));
    try {
      if (backlog) {
        // Every pod pending before the scheduler leads: measures draining a backlog.
        createStart = System.nanoTime();
        createPods(client, pods, created);
        createdAll = System.nanoTime();
        SchedulerHarness.await(
            () -> client.pods().inAnyNamespace().list().getItems().size() >= pods,
            Duration.ofMinutes(1),
            "pods stored");
        // From operator start: informers list the backlog, the Lease is taken, the loop drains.
        start = System.nanoTime();
        scheduler.runElected("bench", Duration.ofSeconds(15));
        created.replaceAll((k, v) -> 0L);
      } else {
        scheduler.runElected("bench", Duration.ofSeconds(15));
        SchedulerHarness.await(scheduler.reconciler::leading, Duration.ofSeconds(30), "leadership");
        start = System.nanoTime();
        createStart = start;
        createPods(client, pods, created);
        createdAll = System.nanoTime();
      }
      SchedulerHarness.await(
          () -> bound.size() >= pods, Duration.ofMinutes(10), pods + " pods bound");
      long end = bound.values().stream().mapToLong(Long::longValue).max().orElseThrow();
      long origin = start;
      long[] latencies =
          created.keySet().stream()
              .mapToLong(n -> bound.get(n) - (created.get(n) == 0L ? origin : created.get(n)))
              .sorted()
              .toArray();
      int allocations =
          client.resources(CoreAllocation.class).inAnyNamespace().list().getItems().size();
      double seconds = (end - start) / 1e9;
      System.out.printf(
          "mode=%s pods=%d nodes=%d allocations=%d%n"
              + "create phase: %.2f s (%.0f pods/s through the API)%n"
              + "placed and bound: %.2f s, %.0f pods/s%n"
              + "latency (create, or operator start for a backlog, to bound): p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
          backlog ? "backlog" : "streaming",
          pods,
          nodes,
          allocations,
          (createdAll - createStart) / 1e9,
          pods / ((createdAll - createStart) / 1e9),
          seconds,
          pods / seconds,
          pct(latencies, 0.50),
          pct(latencies, 0.99),
          latencies[latencies.length - 1] / 1e6);
      System.out.println("bindings=" + scheduler.binder.bindings());
    } finally {
      scheduler.close();
      watch.close();
    }
  }

  private static void createPods(KubernetesClient client, int pods, Map<String, Long> created) {
    for (int i = 0; i < pods; i++) {
      String name = "p" + i;
      created.put(name, System.nanoTime());
      client
          .resource(ClusterFixtures.latencyPod("bench-" + (i % 10), name, i % 3 == 2 ? 4 : 2))
          .create();
    }
  }

  private static double pct(long[] sorted, double q) {
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1e6;
  }
}
