package io.isocore.agent.probe;

import io.isocore.agent.telemetry.HeldCpus;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.profile.ProbeSchedule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.IntToLongFunction;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.jboss.logging.Logger;

/**
 * Runs probe windows one at a time on the probe thread: picks a due, isolated, unheld CPU, pins the
 * thread to it, warms up, spins one window, moves the thread back to its original CPUs, and hands
 * the window to {@link ProbeResults} and the listeners.
 *
 * <p>A window is dropped (not recorded, retried soon) when it was stopped because its CPU became
 * held, or when a garbage collection ran during it: a stop-the-world pause halts this thread too
 * and would be reported as OS jitter.
 */
public final class JitterProbe {

  private static final Logger LOG = Logger.getLogger(JitterProbe.class);

  /** Highest gap the window histogram tracks; longer gaps are clamped (max stays exact). */
  static final long HIGHEST_TRACKABLE_NANOS = TimeUnit.SECONDS.toNanos(10);

  /** Warm-up chunks: several calls let the JIT compile the loop's normal entry, not only OSR. */
  private static final int WARMUP_CHUNKS = 10;

  /** How soon the plan is read again while there is none. */
  static final Duration NO_PLAN_RECHECK = Duration.ofSeconds(1);

  /** How soon a window stopped because its CPU became held is retried. */
  static final Duration RETRY_AFTER = Duration.ofSeconds(30);

  /**
   * How soon a window dropped for a garbage collection is retried: the collection says nothing
   * about the CPU, and an agent that is starting (informers filling their caches) collects often,
   * which would otherwise put the first measurement of an idle CPU off by 30 s at a time.
   */
  static final Duration GC_RETRY_AFTER = Duration.ofSeconds(2);

  /** Everything the probe reads from the outside, injectable for tests. */
  record Inputs(
      ProbePlanSource plans,
      HeldCpus held,
      Pinning pinning,
      LongSupplier nanoClock,
      Clock wallClock,
      IntToLongFunction interruptsOnCpu,
      LongSupplier gcCount) {}

  private final Inputs in;
  private final ProbeResults results;
  private final List<ProbeWindowListener> listeners;
  private final Duration firstWarmup;
  private final Duration warmup;
  private final ProbeRotation rotation = new ProbeRotation();
  private final Histogram window = new Histogram(HIGHEST_TRACKABLE_NANOS, 3);
  private final Histogram scratch = new Histogram(HIGHEST_TRACKABLE_NANOS, 3);
  private final LoopCounters counters = new LoopCounters();
  private final SegmentedWindow segments = new SegmentedWindow(HIGHEST_TRACKABLE_NANOS);
  private final StopSignal stop = new StopSignal();
  private volatile int currentCpu = -1;
  private final Object windowStarts = new Object();
  private boolean warmedUp;

  JitterProbe(
      Inputs in,
      ProbeResults results,
      List<ProbeWindowListener> listeners,
      Duration firstWarmup,
      Duration warmup) {
    this.in = in;
    this.results = results;
    this.listeners = List.copyOf(listeners);
    this.firstWarmup = firstWarmup;
    this.warmup = warmup;
    in.held().addListener(this::checkHeld);
  }

  /** Stops the running window at once if its CPU is in {@code cpus}. Callable from any thread. */
  public void preempt(CpuSet cpus) {
    int cpu = currentCpu;
    if (cpu >= 0 && cpus.contains(cpu)) {
      stop.request();
    }
  }

  /** Stops the running window if its CPU has become held; polled during windows. */
  void checkHeld() {
    int cpu = currentCpu;
    if (cpu >= 0 && in.held().held().contains(cpu)) {
      stop.request();
    }
  }

  /** Stops the running window, whatever its CPU (shutdown). */
  void stopNow() {
    stop.request();
  }

  /** The CPU being probed right now, or -1. */
  int currentCpu() {
    return currentCpu;
  }

  /**
   * Polls {@link #checkHeld()} every {@code every} while a window runs, and sleeps, without waking,
   * between windows; returns when interrupted. The watchdog's loop: a timer that fired all the time
   * cost the agent about 0.1% of a core in wake-ups alone (bench/jitter/agent-overhead.sh).
   */
  void watchHeld(Duration every) throws InterruptedException {
    while (!Thread.currentThread().isInterrupted()) {
      synchronized (windowStarts) {
        while (currentCpu < 0) {
          windowStarts.wait();
        }
      }
      while (currentCpu >= 0) {
        Thread.sleep(every);
        checkHeld();
      }
    }
    throw new InterruptedException();
  }

  /**
   * Runs at most one window. Returns how long the caller may sleep before the next call: zero after
   * a window, the time until a CPU is due otherwise.
   */
  Duration step() {
    Optional<ProbePlan> maybePlan = in.plans().current();
    if (maybePlan.isEmpty() || !maybePlan.get().schedule().enabled()) {
      // Enforcement's first pass brings the plan a moment after startup: look again soon, so the
      // first window starts within a second of it (the quickstart shows it before its pods).
      return NO_PLAN_RECHECK;
    }
    ProbePlan plan = maybePlan.get();
    ProbeSchedule settings = plan.schedule();
    results.retainOnly(plan.isolated());
    Instant now = in.wallClock().instant();
    CpuSet held = in.held().held();
    OptionalInt next = rotation.next(now, plan.isolated(), held, settings.interval());
    if (next.isEmpty()) {
      return min(
          rotation.untilNextDue(now, plan.isolated(), held, settings.interval()),
          Duration.ofSeconds(10));
    }
    int cpu = next.getAsInt();
    stop.clear();
    synchronized (windowStarts) {
      currentCpu = cpu;
      windowStarts.notifyAll(); // the watchdog polls while the window runs
    }
    try {
      // Re-read after publishing currentCpu: an allocation that arrived in between is seen either
      // here or by preempt()/checkHeld().
      if (in.held().held().contains(cpu)) {
        return Duration.ZERO;
      }
      runWindow(cpu, plan);
    } finally {
      currentCpu = -1;
    }
    return Duration.ZERO;
  }

  private void runWindow(int cpu, ProbePlan plan) {
    ProbeSchedule settings = plan.schedule();
    CpuSet home = in.pinning().current();
    in.pinning().confineOthers(plan.isolated());
    try {
      in.pinning().pin(CpuSet.of(cpu));
    } catch (AffinityException e) {
      LOG.warnf(
          "cannot probe CPU %d: %s; retrying in %s", cpu, e.getMessage(), settings.interval());
      rotation.ended(cpu, in.wallClock().instant());
      return;
    }
    try {
      warmUp(settings.thresholdNanos());
      if (stop.requested()) {
        retrySoon(cpu, settings);
        return;
      }
      long irqBefore = in.interruptsOnCpu().applyAsLong(cpu);
      SegmentedWindow.Outcome outcome =
          segments.run(
              in.nanoClock(),
              in.gcCount(),
              settings.duration().toNanos(),
              settings.thresholdNanos(),
              window,
              stop);
      long irqAfter = in.interruptsOnCpu().applyAsLong(cpu);
      switch (outcome) {
        case STOPPED -> {
          LOG.debugf("probe window on CPU %d stopped: the CPU is now held", cpu);
          retrySoon(cpu, settings);
        }
        case GC -> {
          LOG.infof(
              "probe window on CPU %d dropped: garbage collections during %d of its %d ms"
                  + " segments; retrying in %s",
              cpu,
              segments.droppedSegments(),
              SegmentedWindow.SEGMENT_NANOS / 1_000_000,
              GC_RETRY_AFTER);
          retryAfter(cpu, settings, GC_RETRY_AFTER);
        }
        case MEASURED -> finish(cpu, plan, irqBefore, irqAfter);
      }
    } finally {
      in.pinning().unpin(home);
    }
  }

  private void warmUp(long thresholdNanos) {
    Duration total = warmedUp ? warmup : firstWarmup;
    long chunk = total.toNanos() / WARMUP_CHUNKS;
    for (int i = 0; i < WARMUP_CHUNKS && chunk > 0 && !stop.requested(); i++) {
      scratch.reset();
      JitterLoop.run(in.nanoClock(), chunk, thresholdNanos, scratch, stop, counters);
    }
    warmedUp = true;
  }

  private void finish(int cpu, ProbePlan plan, long irqBefore, long irqAfter) {
    LoopCounters c = segments.totals();
    Instant end = in.wallClock().instant();
    rotation.ended(cpu, end);
    double seconds = c.elapsedNanos() / 1e9;
    double irqRate =
        irqBefore < 0 || irqAfter < irqBefore || seconds <= 0
            ? -1
            : (irqAfter - irqBefore) / seconds;
    ProbeWindow w =
        new ProbeWindow(
            cpu,
            end,
            c.elapsedNanos(),
            c.iterations,
            c.gaps,
            c.maxGapNanos,
            c.gaps == 0 ? 0 : window.getValueAtPercentile(99.99),
            c.minPeriodNanos,
            irqRate,
            plan.schedule().thresholdNanos());
    boolean quarantined = results.record(w, plan.quarantineNanos());
    for (ProbeWindowListener l : listeners) {
      try {
        l.windowCompleted(w, window, quarantined);
      } catch (RuntimeException e) {
        LOG.warnf(e, "probe window listener %s failed", l);
      }
    }
  }

  private void retrySoon(int cpu, ProbeSchedule settings) {
    retryAfter(cpu, settings, RETRY_AFTER);
  }

  private void retryAfter(int cpu, ProbeSchedule settings, Duration after) {
    Instant now = in.wallClock().instant();
    Duration wait = min(after, settings.interval());
    rotation.ended(cpu, now.minus(settings.interval()).plus(wait));
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
