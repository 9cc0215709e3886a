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
 *
 * <p>Becoming leader can fail (the API server does not answer the list of CoreAllocations): it is
 * logged and retried with backoff, and after {@link #START_ATTEMPTS} failures the loop gives the
 * leadership up through the callback (which releases the Lease), so another replica takes over.
 */
public final class SchedulingLoop implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(SchedulingLoop.class);

  private final SchedulingReconciler reconciler;
  private final ScheduledExecutorService thread;
  private final AtomicBoolean queued = new AtomicBoolean();
  private final AtomicLong cycles = new AtomicLong();
  private volatile long lastCycleNanos = System.nanoTime();
  private volatile boolean elected;
  private volatile Runnable onGiveUp = () -> {};

  /** Tries to start leading this many times (0.5 s, 1 s, 2 s, 4 s apart) before giving up. */
  public static final int START_ATTEMPTS = 5;

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

  /** What to do when leading cannot start: release the Lease (and, deployed, exit). */
  public void onGiveUp(Runnable giveUp) {
    this.onGiveUp = giveUp;
  }

  /** Runs on the scheduling thread: becomes leader there, so state is only touched by it. */
  public void startLeading() {
    elected = true;
    thread.execute(() -> tryStart(1));
  }

  private void tryStart(int attempt) {
    if (!elected) {
      return;
    }
    try {
      reconciler.startLeading();
      lastCycleNanos = System.nanoTime();
      kick();
    } catch (RuntimeException e) {
      if (attempt >= START_ATTEMPTS) {
        LOG.errorf(e, "could not start leading after %d attempts; giving the Lease up", attempt);
        elected = false;
        onGiveUp.run();
        return;
      }
      long pause = 500L << (attempt - 1);
      LOG.warnf("could not start leading (attempt %d), retrying in %d ms: %s", attempt, pause, e);
      thread.schedule(() -> tryStart(attempt + 1), pause, TimeUnit.MILLISECONDS);
    }
  }

  public void stopLeading() {
    elected = false;
    thread.execute(reconciler::stopLeading);
  }

  /**
   * Readiness: a standby is ready; an elected replica is ready while it leads and completed a cycle
   * within {@code maxAge} (a leader that cannot start, or whose cycles fail, is not).
   */
  public boolean ready(Duration maxAge) {
    if (!elected) {
      return true;
    }
    return reconciler.leading() && System.nanoTime() - lastCycleNanos < maxAge.toNanos();
  }

  public long cycles() {
    return cycles.get();
  }

  private void cycle() {
    queued.set(false);
    try {
      CycleReport report = reconciler.reconcile();
      cycles.incrementAndGet();
      lastCycleNanos = System.nanoTime();
      if (report.placed() + report.released() + report.rebound() > 0) {
        LOG.debugf("cycle: %s", report);
      }
      if (report.statusHeld().isPositive()) {
        thread.schedule(this::kick, report.statusHeld().toMillis() + 1, TimeUnit.MILLISECONDS);
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
