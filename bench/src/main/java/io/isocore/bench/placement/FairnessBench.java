package io.isocore.bench.placement;

import io.isocore.core.admission.AdmissionQueue;
import io.isocore.core.admission.LotteryQueue;
import io.isocore.core.admission.PendingPod;
import io.isocore.core.admission.StrideQueue;
import io.isocore.core.admission.Tenant;
import io.isocore.core.pod.PodKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Stride vs lottery admission: each tenant's deviation from its ticket share of the cores admitted,
 * over windows of 10, 100 and 1,000 admissions, on the same arrival sequence (every tenant always
 * has pods waiting, each tenant's pod sizes come from its own seeded stream, so every policy sees
 * the same pods in the same order). Pod sizes in cores: 1 (40%), 2 (30%), 4 (20%), 8 (10%): the
 * placement benchmark's mix under FullCores on SMT2.
 *
 * <p>Run from the repository root after {@code ./mvnw -pl core install}:
 *
 * <pre>
 * java -cp core/target/classes bench/placement/FairnessBench.java [admissions]
 * </pre>
 */
public class FairnessBench {

  static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

  public static void main(String[] args) {
    int admissions = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    Map<String, long[]> sets = new LinkedHashMap<>();
    sets.put("4 tenants 50:30:15:5", new long[] {50, 30, 15, 5});
    sets.put("2 tenants 3:1", new long[] {3, 1});
    long[] skewed = new long[12];
    Arrays.fill(skewed, 1);
    skewed[0] = 100;
    sets.put("12 tenants 100:1x11", skewed);
    Map<String, Supplier<AdmissionQueue>> policies = new LinkedHashMap<>();
    policies.put("stride (WF2Q+, default)", () -> new StrideQueue(1));
    policies.put(
        "stride (classic lowest pass)",
        () -> new StrideQueue(1, StrideQueue.Selection.LOWEST_PASS));
    policies.put("lottery (seed 1)", () -> new LotteryQueue(1, new Random(1)));
    System.out.printf(
        "%d admissions per run; deviation = |cores admitted - ticket share x cores admitted in the window|, in cores%n",
        admissions);
    System.out.printf(
        "%-22s %-30s %8s %10s %10s %10s %14s%n",
        "tickets", "policy", "window", "mean dev", "p99 dev", "max dev", "max cum. err");
    for (var set : sets.entrySet()) {
      for (var policy : policies.entrySet()) {
        int[][] cores = run(policy.getValue().get(), set.getValue(), admissions);
        double cumulative = cumulativeError(cores, set.getValue());
        for (int window : new int[] {10, 100, 1000}) {
          double[] stats = deviation(cores, set.getValue(), window);
          System.out.printf(
              "%-22s %-30s %8d %10.2f %10.2f %10.2f %14.2f%n",
              set.getKey(), policy.getKey(), window, stats[0], stats[1], stats[2], cumulative);
        }
      }
    }
  }

  /** Returns, per admission, the tenant index and the cores: {tenant, cores}. */
  static int[][] run(AdmissionQueue queue, long[] tickets, int admissions) {
    int n = tickets.length;
    Random[] streams = new Random[n];
    int[] serial = new int[n];
    for (int t = 0; t < n; t++) {
      queue.putTenant(Tenant.of("t" + (char) ('a' + t), tickets[t]));
      streams[t] = new Random(1000 + t);
      for (int k = 0; k < 3; k++) {
        offer(queue, t, streams, serial);
      }
    }
    int[][] result = new int[admissions][];
    for (int i = 0; i < admissions; i++) {
      var admission = queue.admitNext(NOW, p -> OptionalInt.of(p.cores())).orElseThrow();
      int t = admission.pod().tenant().charAt(1) - 'a';
      result[i] = new int[] {t, admission.cores()};
      offer(queue, t, streams, serial);
    }
    return result;
  }

  static void offer(AdmissionQueue queue, int t, Random[] streams, int[] serial) {
    int roll = streams[t].nextInt(10);
    int cores = roll < 4 ? 1 : roll < 7 ? 2 : roll < 9 ? 4 : 8;
    String tenant = "t" + (char) ('a' + t);
    queue.offer(new PendingPod(PodKey.of(tenant, "p" + serial[t]++), tenant, cores));
  }

  /**
   * The largest |cores admitted - share x all cores admitted| of any tenant after any admission.
   */
  static double cumulativeError(int[][] admissions, long[] tickets) {
    long total = Arrays.stream(tickets).sum();
    long[] cores = new long[tickets.length];
    long sum = 0;
    double max = 0;
    for (int[] admission : admissions) {
      cores[admission[0]] += admission[1];
      sum += admission[1];
      for (int t = 0; t < tickets.length; t++) {
        max = Math.max(max, Math.abs(cores[t] - (double) tickets[t] / total * sum));
      }
    }
    return max;
  }

  /** Mean, p99 and max over all (window, tenant) pairs of the absolute deviation in cores. */
  static double[] deviation(int[][] admissions, long[] tickets, int window) {
    long total = Arrays.stream(tickets).sum();
    int windows = admissions.length / window;
    double[] devs = new double[windows * tickets.length];
    int k = 0;
    for (int w = 0; w < windows; w++) {
      long[] cores = new long[tickets.length];
      long sum = 0;
      for (int i = w * window; i < (w + 1) * window; i++) {
        cores[admissions[i][0]] += admissions[i][1];
        sum += admissions[i][1];
      }
      for (int t = 0; t < tickets.length; t++) {
        devs[k++] = Math.abs(cores[t] - (double) tickets[t] / total * sum);
      }
    }
    Arrays.sort(devs);
    double mean = Arrays.stream(devs).average().orElse(0);
    return new double[] {
      mean,
      devs[(int) Math.min(devs.length - 1, Math.ceil(0.99 * devs.length) - 1)],
      devs[devs.length - 1]
    };
  }
}
