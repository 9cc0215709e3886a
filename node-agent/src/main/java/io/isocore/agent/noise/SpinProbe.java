package io.isocore.agent.noise;

import io.isocore.agent.probe.Affinity;
import io.isocore.agent.probe.JitterLoop;
import io.isocore.agent.probe.LoopCounters;
import io.isocore.agent.probe.StopSignal;
import io.isocore.core.cpu.CpuSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The CLI's busy probe: one platform thread per CPU, pinned there with {@link Affinity}, spinning
 * in the agent's {@link JitterLoop} for the window (same loop, same threshold semantics as the
 * agent's probe). A CPU it cannot pin to (outside this process's cpuset, offline) is reported as
 * not measured, not guessed.
 */
public final class SpinProbe implements WindowProbe {

  private final long thresholdNanos;

  /** Counts gaps at or above {@code thresholdNanos}. */
  public SpinProbe(long thresholdNanos) {
    this.thresholdNanos = thresholdNanos;
  }

  @Override
  public List<ProbeOutcome> measure(CpuSet cpus, Duration window) {
    List<Thread> threads = new ArrayList<>();
    ProbeOutcome[] results = new ProbeOutcome[cpus.size()];
    int i = 0;
    for (int cpu : cpus.toList()) {
      int slot = i++;
      Thread t =
          Thread.ofPlatform()
              .name("isocore-noise-probe-" + cpu)
              .daemon()
              .start(() -> results[slot] = spin(cpu, window));
      threads.add(t);
    }
    for (Thread t : threads) {
      try {
        t.join(window.toMillis() + 30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    List<ProbeOutcome> out = new ArrayList<>();
    i = 0;
    for (int cpu : cpus.toList()) {
      ProbeOutcome r = results[i++];
      out.add(r != null ? r : ProbeOutcome.failed(cpu, "the probe thread did not finish"));
    }
    return out;
  }

  private ProbeOutcome spin(int cpu, Duration window) {
    try {
      Affinity.setCurrentThread(CpuSet.of(cpu));
    } catch (RuntimeException e) {
      return ProbeOutcome.failed(cpu, "cannot pin a thread to CPU " + cpu + ": " + e.getMessage());
    }
    long tid = ownTid();
    Histogram gaps = new Histogram(TimeUnit.SECONDS.toNanos(10), 2);
    LoopCounters counters = new LoopCounters();
    // a short warm-up so the JIT has compiled the loop before the measured window
    JitterLoop.run(
        System::nanoTime, 300_000_000L, thresholdNanos, gaps, new StopSignal(), counters);
    gaps.reset();
    JitterLoop.run(
        System::nanoTime, window.toNanos(), thresholdNanos, gaps, new StopSignal(), counters);
    long count = gaps.getTotalCount();
    long total = Math.round(gaps.getMean() * count);
    return new ProbeOutcome(
        cpu, count, total, counters.maxGapNanos(), tid, java.util.Optional.empty());
  }

  /** This thread's kernel tid, from {@code /proc/thread-self} ({@code PID/task/TID}). */
  static long ownTid() {
    try {
      Path link = Files.readSymbolicLink(Path.of("/proc/thread-self"));
      return Long.parseLong(link.getFileName().toString());
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
