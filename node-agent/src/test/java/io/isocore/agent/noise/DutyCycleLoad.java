package io.isocore.agent.noise;

import io.isocore.agent.probe.Affinity;
import io.isocore.core.cpu.CpuSet;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A noise source whose true cost is known by construction: one platform thread pinned to a CPU that
 * sleeps, then spins until its own CPU time has grown by {@code burstNanos}, again and again. Each
 * burst's end (monotonic clock) and CPU time are recorded, so the CPU time it took inside any
 * interval is a sum over its own bursts, not something the attribution reads.
 */
final class DutyCycleLoad implements AutoCloseable {

  private static final int MAX_BURSTS = 100_000;

  private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
  private final long[] endNanos = new long[MAX_BURSTS];
  private final long[] cpuNanos = new long[MAX_BURSTS];
  private final CountDownLatch started = new CountDownLatch(1);
  private volatile int bursts;
  private volatile boolean stop;
  private volatile String error;
  private final Thread thread;

  /** Starts {@code name} on {@code cpu}: {@code burstNanos} of CPU every {@code periodNanos}. */
  DutyCycleLoad(String name, int cpu, long burstNanos, long periodNanos)
      throws InterruptedException {
    thread =
        Thread.ofPlatform()
            .name(name)
            .daemon()
            .start(() -> loop(cpu, burstNanos, periodNanos - burstNanos));
    if (!started.await(10, TimeUnit.SECONDS) || error != null) {
      close();
      throw new IllegalStateException("duty-cycle load on CPU " + cpu + ": " + error);
    }
  }

  private void loop(int cpu, long burstNanos, long sleepNanos) {
    try {
      Affinity.setCurrentThread(CpuSet.of(cpu));
    } catch (RuntimeException e) {
      error = "cannot pin to CPU " + cpu + ": " + e.getMessage();
      started.countDown();
      return;
    }
    started.countDown();
    int n = 0;
    while (!stop && n < MAX_BURSTS) {
      LockSupport.parkNanos(sleepNanos);
      long cpu0 = mx.getCurrentThreadCpuTime();
      long cpu1 = cpu0;
      while (cpu1 - cpu0 < burstNanos) {
        cpu1 = mx.getCurrentThreadCpuTime();
      }
      endNanos[n] = System.nanoTime();
      cpuNanos[n] = cpu1 - cpu0;
      bursts = ++n;
    }
  }

  /** CPU time of the bursts that ended in {@code [fromNanos, toNanos]} (System.nanoTime). */
  long cpuNanosBetween(long fromNanos, long toNanos) {
    int n = bursts;
    long sum = 0;
    for (int i = 0; i < n; i++) {
      if (endNanos[i] >= fromNanos && endNanos[i] <= toNanos) {
        sum += cpuNanos[i];
      }
    }
    return sum;
  }

  /** Bursts that ended in {@code [fromNanos, toNanos]}. */
  int burstsBetween(long fromNanos, long toNanos) {
    int n = bursts;
    int count = 0;
    for (int i = 0; i < n; i++) {
      if (endNanos[i] >= fromNanos && endNanos[i] <= toNanos) {
        count++;
      }
    }
    return count;
  }

  @Override
  public void close() throws InterruptedException {
    stop = true;
    thread.join(10_000);
  }
}
