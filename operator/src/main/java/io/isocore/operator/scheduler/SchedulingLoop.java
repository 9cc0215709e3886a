package io.isocore.operator.scheduler;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The single scheduling thread. Informer events only {@link #kick()} it; kicks that arrive while a
 * cycle is queued are coalesced, so a burst of 1,000 pod events costs a handful of cycles. A
 * periodic kick retries unschedulable pods even when nothing changed.
 */
public final class SchedulingLoop implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(SchedulingLoop.class);

  private final SchedulingReconciler reconciler;
  private final ScheduledExecutorService thread;
  private final AtomicBoolean queued = new AtomicBoolean();
  private final AtomicLong cycles = new AtomicLong();

  public SchedulingLoop(SchedulingReconciler reconciler, Duration resync) {
    this.reconciler = reconciler;
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "isocore-scheduler");
              t.setDaemon(true);
              return t;
            });
    long period = Math.max(1, resync.toMillis());
    thread.scheduleWithFixedDelay(this::kick, period, period, TimeUnit.MILLISECONDS);
  }

  /** Asks for a cycle soon; cheap and safe from any thread. */
  public void kick() {
    if (queued.compareAndSet(false, true)) {
      try {
        thread.execute(this::cycle);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        queued.set(false);
      }
    }
  }

  /** Runs on the scheduling thread: becomes leader there, so state is only touched by it. */
  public void startLeading() {
    thread.execute(
        () -> {
          reconciler.startLeading();
          kick();
        });
  }

  public void stopLeading() {
    thread.execute(reconciler::stopLeading);
  }

  public long cycles() {
    return cycles.get();
  }

  private void cycle() {
    queued.set(false);
    try {
      CycleReport report = reconciler.reconcile();
      cycles.incrementAndGet();
      if (report.placed() + report.released() + report.rebound() > 0) {
        LOG.debugf("cycle: %s", report);
      }
    } catch (RuntimeException e) {
      // Level-triggered: the next kick retries from the caches; never let the thread die.
      LOG.error("scheduling cycle failed", e);
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
