package io.isocore.bench.agent;

import io.isocore.agent.testing.FixtureSysfs;
import io.isocore.agent.topology.NodeReader;
import io.isocore.agent.topology.SysfsTopologyReader;
import io.isocore.agent.topology.TopologyReading;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Warm discovery time of a 2-socket, 256-CPU machine (2 packages x 2 NUMA nodes x 32 cores x 2
 * threads) from a generated sysfs tree. Target: under 50 ms. Not a unit test: run its main.
 *
 * <p>{@code bench/run topology [warmup] [iterations]}
 */
public final class TopologyDiscoveryBench {

  private TopologyDiscoveryBench() {}

  /** Runs the benchmark and prints min/median/p90/max in milliseconds. */
  public static void main(String[] args) throws Exception {
    int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    Path root = Files.createTempDirectory("isocore-bench");
    FixtureSysfs shape =
        FixtureSysfs.machine().packages(2).numaPerPackage(2).coresPerNuma(32).threadsPerCore(2);
    shape.hugepages(2048, 1024, 1024).hugepages(1048576, 8, 8).write(root);
    TopologyReading check = new SysfsTopologyReader(root).read();
    if (check.topology().cpus().size() != 256 || !check.degradations().isEmpty()) {
      throw new IllegalStateException("fixture is not a clean 256-CPU machine: " + check);
    }
    System.out.printf(
        Locale.ROOT,
        "fixture: %d CPUs, %d cores, %d packages, %d NUMA nodes, %d L3 groups at %s%n",
        check.topology().cpus().size(),
        check.topology().cores().size(),
        check.topology().sockets().size(),
        check.topology().numaNodes().size(),
        check.topology().l3Groups().size(),
        root);
    report(
        "SysfsTopologyReader.read (topology)",
        () -> new SysfsTopologyReader(root).read(),
        warmup,
        iterations);
    report(
        "NodeReader.read (topology + isolation + environment + cgroup + NICs)",
        () -> new NodeReader(root).read(),
        warmup,
        iterations);
  }

  private static void report(String name, Supplier<?> task, int warmup, int iterations) {
    Object sink = null;
    for (int i = 0; i < warmup; i++) {
      sink = task.get();
    }
    double[] ms = new double[iterations];
    for (int i = 0; i < iterations; i++) {
      long start = System.nanoTime();
      sink = task.get();
      ms[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(ms);
    System.out.printf(
        Locale.ROOT,
        "%s: warmup %d, n=%d: min %.2f ms, median %.2f ms, p90 %.2f ms, max %.2f ms (%s)%n",
        name,
        warmup,
        iterations,
        ms[0],
        ms[iterations / 2],
        ms[(int) (iterations * 0.9)],
        ms[iterations - 1],
        sink == null ? "" : "ok");
  }
}
