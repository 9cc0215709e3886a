package io.isocore.agent.noise;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.agent.probe.Affinity;
import io.isocore.agent.testing.KernelGate;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.noise.CpuNoiseReport;
import io.isocore.core.noise.NoiseAttribution;
import io.isocore.core.noise.NoiseSnapshot;
import io.isocore.core.noise.NoiseSource;
import io.isocore.core.noise.SourceKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * The correlation's error against a source of known size, on the real kernel (issue 16: where there
 * is no osnoise to compare with, measure the error against the known-source test).
 *
 * <p>A thread of ours ({@link DutyCycleLoad}) pinned to CPU 1 takes 2 ms of CPU every 20 ms; its
 * CPU time inside the probe's window is known from its own bursts. The CLI's measurement ({@link
 * NoiseMeasurement#measure}, the busy probe on CPU 1) must give that thread a {@code seconds}
 * figure (its share times the probe's gap time) within {@link #BOUND} of the truth, in the median
 * of {@link #WINDOWS} windows. The figure is not tautological: the thread's own run time is only
 * the weight of its share; the seconds come from the probe's gaps, split against every other source
 * the correlation saw on CPU 1 (other threads by their run time, interrupts by estimated costs). It
 * fails when thread sources are dropped (no figure), put on another CPU (CPU 0 is attributed from
 * the same snapshots and must not hold it), or mis-weighted. Also printed: how much of the probe's
 * gap time the raw estimates explain. Skipped, with the reason, when not root (other users' threads
 * would be unreadable) or CPU 1 is not online.
 */
class NoiseKnownSourceRealKernelTest {

  private static final String NAME = "isocore-inject";
  private static final long BURST = 2_000_000L;
  private static final long PERIOD = 20_000_000L;
  private static final Duration WINDOW = Duration.ofSeconds(3);
  private static final int WINDOWS = 3;

  /**
   * Largest |relative error| of the median window. On the shared 2-vCPU CI VM with other builds
   * running, the median of 3 windows measured 0.10 to 0.31 over 21 runs, always an under-estimate
   * (docs/noise.md, "Measured on the CI VM"); 0.40 leaves room for a busier machine and still fails
   * when the thread's share is lost to a mis-weighted source (it is about 0.7 of CPU 1's noise).
   */
  static final double BOUND = 0.40;

  /** One window's figures. */
  record Window(
      double truth, double cli, double share, double gap, double explained, double rawThread) {
    double error() {
      return cli / truth - 1;
    }
  }

  @Test
  void aDutyCycleThreadOnCpu1GetsItsCpuTimeWithinTheBound() throws Exception {
    KernelGate.require(
        "NoiseKnownSourceRealKernelTest",
        Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid")),
        "not root: other users' thread files are unreadable, their share would be lost");
    KernelGate.require(
        "NoiseKnownSourceRealKernelTest",
        CpuSet.parse(Files.readString(Path.of("/sys/devices/system/cpu/online")).strip())
            .contains(1),
        "fewer than 2 CPUs: CPU 1 is not online");
    List<Window> windows = new ArrayList<>();
    // the test's own extra snapshots run on CPU 0, so they add no run time to CPU 1's window
    ExecutorService cpu0 =
        Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().name("isocore-snapshots").daemon().unstarted(r));
    try (DutyCycleLoad load = new DutyCycleLoad(NAME, 1, BURST, PERIOD)) {
      cpu0.submit(() -> Affinity.setCurrentThread(CpuSet.of(0))).get();
      Thread.sleep(500); // the load settles into its period
      for (int i = 0; i < WINDOWS; i++) {
        windows.add(measure(load, i, cpu0));
      }
    } finally {
      cpu0.shutdownNow();
    }
    List<Double> errors = windows.stream().map(w -> Math.abs(w.error())).sorted().toList();
    double median = errors.get(errors.size() / 2);
    System.out.printf(
        "known source %s on CPU 1, %d windows: |error| %s, median %.3f (bound %.2f)%n",
        NAME, WINDOWS, errors, median, BOUND);
    assertThat(median)
        .as("median |relative error| of %s's seconds on CPU 1 over %s", NAME, windows)
        .isLessThanOrEqualTo(BOUND);
  }

  private static Window measure(DutyCycleLoad load, int index, ExecutorService cpu0)
      throws Exception {
    ProcNoiseReader reader = new ProcNoiseReader(Path.of("/"));
    SpinProbe spin = new SpinProbe(1000);
    NoiseSnapshot[] inner = new NoiseSnapshot[2];
    long[] probeEnd = new long[1];
    long[] probeTid = new long[1];
    WindowProbe probe =
        (cpus, window) -> {
          inner[0] = snapshot(cpu0, reader);
          List<ProbeOutcome> out = spin.measure(cpus, window);
          probeEnd[0] = System.nanoTime(); // the loop ends on its window, just before this
          inner[1] = snapshot(cpu0, reader);
          probeTid[0] = out.get(0).tid();
          return out;
        };
    CpuNoiseReport report =
        NoiseMeasurement.measure(Path.of("/"), CpuSet.of(1), WINDOW, probe).cpus().get(0);
    double truth = load.cpuNanosBetween(probeEnd[0] - WINDOW.toNanos(), probeEnd[0]) / 1e9;
    NoiseSource injected =
        report.sources().stream()
            .filter(s -> s.kind() == SourceKind.THREAD && s.name().equals(NAME))
            .findFirst()
            .orElse(null);
    System.out.printf("window %d, CPU 1: %s%n", index, report);
    assertThat(injected).as("%s among CPU 1's sources: %s", NAME, report).isNotNull();
    assertThat(injected.method()).isEqualTo(NoiseSource.CORRELATION);
    CpuNoiseReport unprobed = raw(inner, 0, probeTid[0]);
    assertThat(unprobed.sources())
        .as("CPU 0 (no probe, same snapshots) must not hold %s, which is pinned to CPU 1", NAME)
        .noneMatch(s -> s.name().equals(NAME));
    Window w = window(report, injected, truth, raw(inner, 1, probeTid[0]));
    System.out.printf(
        "window %d: %d bursts, truth %.4f s, CLI %.4f s (error %+.3f), share %.3f, gaps %.4f s"
            + " (%.1f%% of the window; duty cycle %.1f%%), raw estimates explain %.2f of the gaps,"
            + " %s's schedstat run time %.4f s%n",
        index,
        load.burstsBetween(probeEnd[0] - WINDOW.toNanos(), probeEnd[0]),
        w.truth(),
        w.cli(),
        w.error(),
        w.share(),
        w.gap(),
        100 * w.gap() / WINDOW.toNanos() * 1e9,
        100.0 * BURST / PERIOD,
        w.explained(),
        NAME,
        w.rawThread());
    assertThat(w.truth()).as("the load ran in the window").isGreaterThan(0);
    // every burst preempts the probe on CPU 1: its gaps hold at least the injected time (measured
    // 1.09 to 1.28 times it); less means the probe or the load was not where the test put it
    assertThat(w.gap())
        .as("probe gap time against the injected CPU time")
        .isGreaterThan(0.9 * truth);
    return w;
  }

  private static NoiseSnapshot snapshot(ExecutorService cpu0, ProcNoiseReader reader) {
    try {
      return cpu0.submit(() -> reader.snapshot(true)).get();
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException("snapshot on CPU 0 failed", e);
    }
  }

  /** The same attribution without the probe's figure: each source's raw estimate, all kept. */
  private static CpuNoiseReport raw(NoiseSnapshot[] inner, int cpu, long probeTid) {
    return NoiseAttribution.attribute(
        inner[0],
        inner[1],
        cpu,
        NoiseAttribution.Probe.NONE,
        Optional.empty(),
        Set.of(probeTid),
        10_000);
  }

  private static Window window(
      CpuNoiseReport report, NoiseSource injected, double truth, CpuNoiseReport raw) {
    // the raw window spans the warm-up and the snapshots too: scale its estimates to the probe's
    double scale = WINDOW.toNanos() / 1e9 / raw.windowSeconds();
    double rawTotal = raw.sources().stream().mapToDouble(NoiseSource::seconds).sum() * scale;
    double rawThread =
        raw.sources().stream()
                .filter(s -> s.name().equals(NAME))
                .mapToDouble(NoiseSource::seconds)
                .sum()
            * scale;
    double explained = report.gapSeconds() > 0 ? rawTotal / report.gapSeconds() : 0;
    return new Window(
        truth, injected.seconds(), injected.share(), report.gapSeconds(), explained, rawThread);
  }
}
