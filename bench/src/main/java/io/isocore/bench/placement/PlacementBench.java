package io.isocore.bench.placement;

import io.isocore.core.alloc.AllocationState;
import io.isocore.core.alloc.CpuJitter;
import io.isocore.core.alloc.FitStrategy;
import io.isocore.core.alloc.NodeInventory;
import io.isocore.core.alloc.PlacementDecision;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.pod.ContainerRequest;
import io.isocore.core.pod.HugepageRequest;
import io.isocore.core.pod.PodKey;
import io.isocore.core.pod.PodRequest;
import io.isocore.core.testing.TopologyFixtures;
import io.isocore.core.topology.Topology;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.SortedMap;

/**
 * Placement benchmark: decisions per second and decision latency of the core allocator at 5,000
 * nodes (2 sockets x 2 NUMA nodes x 16 cores x SMT2 = 128 CPUs each, CPU 0's core reserved) with
 * 50,000 pods placed and then churning (release a random pod, place a new one); heap per node;
 * fragmentation of the free pool.
 *
 * <p>Run from the repository root after {@code ./mvnw -pl core install}:
 *
 * <pre>
 * java -Xms1g -Xmx1g -XX:+UseParallelGC -cp core/target/classes:core/target/test-classes \
 *     bench/placement/PlacementBench.java [nodes] [pods] [churn] [distinct] [worstfit]
 * </pre>
 */
public class PlacementBench {

  static final long GI = 1L << 30;
  static final long MI2 = 2L << 20;

  // One long main on purpose: a benchmark reads as a script (build, fill, churn, report).
  public static void main(String[] args) {
    int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
    int pods = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
    int churn = args.length > 2 ? Integer.parseInt(args[2]) : 300_000;
    List<String> flags = Arrays.asList(args).subList(Math.min(3, args.length), args.length);
    boolean distinct = flags.contains("distinct");
    FitStrategy fit = flags.contains("worstfit") ? FitStrategy.WORST_FIT : FitStrategy.BEST_FIT;
    Random random = new Random(20261124);

    long heapEmpty = usedHeap();
    AllocationState state = new AllocationState(fit);
    long t0 = System.nanoTime();
    for (int n = 0; n < nodes; n++) {
      state.putNode(inventory(String.format("node-%05d", n), random, distinct ? n : -1));
    }
    long buildNanos = System.nanoTime() - t0;
    long heapNodes = usedHeap();

    List<PodKey> live = new ArrayList<>();
    int serial = 0;
    int fillFailures = 0;
    long fillStart = System.nanoTime();
    while (live.size() < pods) {
      PodRequest request = randomPod(random, serial++);
      PlacementDecision decision = state.place(request, name -> true);
      if (decision instanceof PlacementDecision.Placed) {
        live.add(request.key());
      } else if (++fillFailures > pods) {
        throw new IllegalStateException(
            "cluster full before " + pods + " pods: " + decision.message());
      }
    }
    long fillNanos = System.nanoTime() - fillStart;
    long heapPods = usedHeap();

    // Churn: warm up, then measure. Each step releases a random pod and places a new one.
    int warmup = Math.min(churn / 3, 100_000);
    long[] latencies = new long[churn];
    long[] releaseLatencies = new long[churn];
    int unschedulable = 0;
    int unschedulableLarge = 0;
    int large = 0;
    Map<Integer, Integer> sizes = new HashMap<>();
    long churnStart = 0;
    for (int step = -warmup; step < churn; step++) {
      if (step == 0) {
        churnStart = System.nanoTime();
      }
      int victim = random.nextInt(live.size());
      PodKey gone = live.get(victim);
      long r0 = System.nanoTime();
      state.release(gone);
      long r1 = System.nanoTime();
      PodRequest request = randomPod(random, serial++);
      long d0 = System.nanoTime();
      PlacementDecision decision = state.place(request, name -> true);
      long d1 = System.nanoTime();
      boolean placed = decision instanceof PlacementDecision.Placed;
      if (placed) {
        live.set(victim, request.key());
      } else {
        live.remove(victim);
      }
      if (step >= 0) {
        latencies[step] = d1 - d0;
        releaseLatencies[step] = r1 - r0;
        boolean isLarge = request.exclusiveCpus() >= 16;
        large += isLarge ? 1 : 0;
        if (!placed) {
          unschedulable++;
          unschedulableLarge += isLarge ? 1 : 0;
        }
      }
      // keep the population near the target
      while (live.size() < pods && step % 2 == 0) {
        PodRequest refill = randomPod(random, serial++);
        if (state.place(refill, name -> true) instanceof PlacementDecision.Placed) {
          live.add(refill.key());
        } else {
          break;
        }
      }
    }
    long churnNanos = System.nanoTime() - churnStart;

    // An impossible pod: the unschedulable path, with its shortfall message.
    long[] impossible = new long[2_000];
    String impossibleMessage = "";
    for (int i = 0; i < impossible.length; i++) {
      PodRequest request =
          PodRequest.of(
              PodKey.of("bench", "huge-" + i), "u", ContainerRequest.exclusive("app", 40));
      long d0 = System.nanoTime();
      PlacementDecision decision = state.plan(request, name -> true);
      impossible[i] = System.nanoTime() - d0;
      impossibleMessage = decision.message();
    }

    Arrays.sort(latencies);
    Arrays.sort(releaseLatencies);
    Arrays.sort(impossible);
    long usable = state.usableCores();
    long free = 0;
    for (String name : state.nodeNames()) {
      free += state.freeCores(name);
    }
    SortedMap<Integer, Integer> histogram = state.freeCoreHistogram();

    System.out.printf(
        "java %s, %d CPUs, max heap %d MiB%n",
        Runtime.version(),
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20);
    System.out.printf(
        "nodes %d (128 CPUs, 64 cores, 4 NUMA nodes each, %s hardware), %s, built in %.0f ms%n",
        nodes, distinct ? "all distinct" : "identical", fit, buildNanos / 1e6);
    System.out.printf(
        "fill: %d pods placed in %.0f ms = %.0f decisions/s (%d unschedulable)%n",
        pods, fillNanos / 1e6, (pods + fillFailures) / (fillNanos / 1e9), fillFailures);
    System.out.printf(
        "churn: %d decisions (release + place) in %.0f ms = %.0f decisions/s; live pods %d%n",
        churn, churnNanos / 1e6, churn / (churnNanos / 1e9), live.size());
    System.out.printf(
        "place latency: p50 %.1f us, p99 %.1f us, p99.9 %.1f us, max %.1f us%n",
        pct(latencies, 50), pct(latencies, 99), pct(latencies, 99.9), latencies[churn - 1] / 1e3);
    System.out.printf(
        "release latency: p50 %.1f us, p99 %.1f us%n",
        pct(releaseLatencies, 50), pct(releaseLatencies, 99));
    System.out.printf(
        "unschedulable during churn: %d of %d (%.2f%%); 16+-CPU pods: %d of %d%n",
        unschedulable, churn, 100.0 * unschedulable / churn, unschedulableLarge, large);
    System.out.printf(
        "impossible pod (40 CPUs): p50 %.1f us, p99 %.1f us: \"%s\"%n",
        pct(impossible, 50), pct(impossible, 99), impossibleMessage);
    System.out.printf(
        "heap: %.1f KiB/node for nodes alone, %.1f KiB/node with %d pods%n",
        (heapNodes - heapEmpty) / 1024.0 / nodes, (heapPods - heapEmpty) / 1024.0 / nodes, pods);
    System.out.printf(
        "cores: %d usable, %d free (%.1f%% used)%n",
        usable, free, 100.0 * (usable - free) / usable);
    for (int k : new int[] {2, 4, 8, 16}) {
      long placeable = 0;
      for (var e : histogram.entrySet()) {
        placeable += (long) (e.getKey() / k) * k * e.getValue();
      }
      System.out.printf(
          "fragmentation: %5.1f%% of free cores usable by %2d-core pods (%d NUMA nodes with >= %d free)%n",
          100.0 * placeable / free,
          k,
          histogram.tailMap(k).values().stream().mapToInt(Integer::intValue).sum(),
          k);
    }
    System.out.println("free-core histogram (free cores -> NUMA nodes): " + histogram);
  }

  /**
   * A node's inventory; with {@code unique >= 0} its L3 group ids are offset by {@code unique}, so
   * no two nodes have equal core lists and nothing is shared (the worst case for heap).
   */
  static NodeInventory inventory(String name, Random random, int unique) {
    Topology topology = TopologyFixtures.quadNumaSmt2();
    if (unique >= 0) {
      var b = TopologyFixtures.builder();
      for (int c = 0; c < 64; c++) {
        int numa = c / 16;
        b.core(numa / 2, numa, unique * 8 + c / 8, c, c + 64);
      }
      for (int n = 0; n < 4; n++) {
        b.hugepages(n, MI2, 4096).hugepages(n, GI, 16);
      }
      topology = b.build();
    }
    CpuSet reserved = CpuSet.of(0, 64);
    Map<Integer, Long> jitter = new HashMap<>();
    for (int cpu = 0; cpu < 128; cpu++) {
      jitter.put(cpu, 2_000L + random.nextInt(8_000));
    }
    return NodeInventory.of(name, topology, reserved, topology.online().minus(reserved))
        .withJitter(CpuJitter.of(jitter), OptionalLong.of(9_990))
        .withNics(Map.of("ens1f0", random.nextInt(4)));
  }

  /** Pod mix: 1, 2, 4, 8 or 16 CPUs; a fifth with a sidecar; a fifth with 1Gi hugepages. */
  static PodRequest randomPod(Random random, int serial) {
    int roll = random.nextInt(100);
    int cpus = roll < 10 ? 1 : roll < 40 ? 2 : roll < 70 ? 4 : roll < 90 ? 8 : 16;
    ContainerRequest app = ContainerRequest.exclusive("app", cpus);
    if (random.nextInt(5) == 0) {
      app = app.withHugepages(new HugepageRequest(GI, (1 + random.nextInt(2)) * GI));
    }
    List<ContainerRequest> containers = new ArrayList<>(List.of(app));
    if (random.nextInt(5) == 0) {
      containers.add(ContainerRequest.exclusive("sidecar", 1));
    }
    return PodRequest.of(
        PodKey.of("bench", "p" + serial),
        "uid-" + serial,
        containers.toArray(ContainerRequest[]::new));
  }

  static double pct(long[] sorted, double p) {
    int i = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
    return sorted[Math.max(0, i)] / 1e3;
  }

  static long usedHeap() {
    for (int i = 0; i < 4; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
