package io.isocore.bench.fairness;

import io.isocore.agent.enforce.AllocationResult;
import io.isocore.agent.enforce.EnforcementReport;
import io.isocore.agent.enforce.KernelShareSandbox;
import io.isocore.core.enforce.ShareWeighting;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Ticket shares measured in the kernel (bench/fairness/run.sh): two CPU-bound Burstable pods with
 * equal requests, tenants A (300 tickets) and B (100), on one shared CPU, written by the agent's
 * own enforcement path ({@link KernelShareSandbox}); CPU time from each pod cgroup's {@code
 * cpuacct.usage}. Three windows of SECONDS each: Container share weighting (today's behaviour), Pod
 * weighting (expected 3:1), Pod weighting with pod c of tenant C (200) lending all its tickets to b
 * (expected 1:1). The last line is the result.
 */
public final class KernelShareBench {

  private KernelShareBench() {}

  /** Runs the benchmark: {@code [SECONDS]} per window, default 30. */
  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    Optional<String> why = KernelShareSandbox.unavailable();
    if (why.isPresent()) {
      System.out.println("kernel share benchmark not run: " + why.get());
      System.exit(2);
    }
    Duration window = Duration.ofSeconds(seconds);
    try (KernelShareSandbox sandbox = new KernelShareSandbox()) {
      System.out.printf(
          "sandbox: pods a (A, 300 tickets), b (B, 100), c (C, 200, sleeping), 500m requested"
              + " each, all on CPU %d; %d s per window%n",
          sandbox.cpu(), seconds);
      check(sandbox.enforce(ShareWeighting.CONTAINER, false));
      Map<String, Long> container = measure(sandbox, window, "container");
      double containerRatio = ratio(container, "a", "b");
      System.out.printf(
          Locale.ROOT,
          "container mode: tickets 3:1 -> measured A:B %.2f:1 (error %.1f%%); pod cpu.shares a=%d"
              + " b=%d (the kubelet's)%n",
          containerRatio,
          error(containerRatio, 3),
          sandbox.podShares("a"),
          sandbox.podShares("b"));

      check(sandbox.enforce(ShareWeighting.POD, false));
      double pod = ratio(measure(sandbox, window, "pod"), "a", "b");
      System.out.printf(
          "pod mode: pod cpu.shares a=%d b=%d%n", sandbox.podShares("a"), sandbox.podShares("b"));

      check(sandbox.enforce(ShareWeighting.POD, true));
      double transfer = ratio(measure(sandbox, window, "transfer"), "b", "a");
      System.out.printf(
          "pod mode, c lends 200 tickets to b: pod cpu.shares a=%d b=%d c=%d%n",
          sandbox.podShares("a"), sandbox.podShares("b"), sandbox.podShares("c"));
      System.out.printf(
          Locale.ROOT,
          "kernel share: tickets 3:1 -> measured %.2f:1 (error %.1f%%); with transfer (expected"
              + " 1:1) -> measured %.2f:1 (error %.1f%%)%n",
          pod,
          error(pod, 3),
          transfer,
          error(transfer, 1));
    }
  }

  private static Map<String, Long> measure(
      KernelShareSandbox sandbox, Duration window, String phase) throws InterruptedException {
    Thread.sleep(500); // let the new weights settle in the scheduler's load averages
    Map<String, Long> used = sandbox.measure(window);
    System.out.printf(
        "%s: CPU time (ms) a=%d b=%d c=%d%n", phase, ms(used, "a"), ms(used, "b"), ms(used, "c"));
    return used;
  }

  private static long ms(Map<String, Long> used, String pod) {
    return used.get(pod) / 1_000_000;
  }

  private static double ratio(Map<String, Long> used, String x, String y) {
    return (double) used.get(x) / used.get(y);
  }

  private static double error(double measured, double expected) {
    return Math.abs(measured / expected - 1) * 100;
  }

  private static void check(EnforcementReport report) {
    for (AllocationResult r : report.results()) {
      if (!(r instanceof AllocationResult.Applied)) {
        throw new IllegalStateException("the agent did not apply " + r);
      }
    }
  }
}
