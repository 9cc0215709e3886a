package io.isocore.operator.scheduler;

import io.isocore.operator.scheduler.PlacementCommitter.CommitResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The binding cycle: commits run on their own threads, at most {@code maxInFlight} at once, while
 * the scheduling thread goes on deciding against the assumed state (as the kube-scheduler's binding
 * goroutines do). A full pipeline makes the scheduling thread wait for a free slot. Results come
 * back through {@link #drain()}, which only the scheduling thread calls, so the ledger stays
 * single-threaded. {@link #inline} commits on the caller's thread (tests that count writes per
 * cycle).
 */
public final class CommitPipeline implements AutoCloseable {
  /** One finished commit, with when its decision was taken. */
  record Done(AdmissionPlanner.Placement placement, CommitResult result, long startNanos) {}

  private final PlacementCommitter committer;
  private final ExecutorService executor;
  private final Semaphore slots;
  private final Runnable onDone;
  private final ConcurrentLinkedQueue<Done> done = new ConcurrentLinkedQueue<>();
  private final AtomicInteger inFlight = new AtomicInteger();

  private CommitPipeline(
      PlacementCommitter committer, int maxInFlight, ExecutorService executor, Runnable onDone) {
    this.committer = committer;
    this.executor = executor;
    this.slots = new Semaphore(Math.max(1, maxInFlight));
    this.onDone = onDone;
  }

  /** Commits on the calling thread: the result is there when {@link #submit} returns. */
  public static CommitPipeline inline(PlacementCommitter committer) {
    return new CommitPipeline(committer, 1, null, () -> {});
  }

  /**
   * @param onDone called after each commit (wakes the scheduling thread to settle it)
   */
  public static CommitPipeline concurrent(
      PlacementCommitter committer, int maxInFlight, Runnable onDone) {
    AtomicInteger n = new AtomicInteger();
    ExecutorService executor =
        Executors.newFixedThreadPool(
            Math.max(1, maxInFlight),
            r -> {
              Thread t = new Thread(r, "isocore-commit-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    return new CommitPipeline(committer, maxInFlight, executor, onDone);
  }

  PlacementCommitter committer() {
    return committer;
  }

  /** Hands the placement over; waits while {@code maxInFlight} commits are running. */
  void submit(AdmissionPlanner.Placement placement, long startNanos) {
    if (executor == null) {
      done.add(new Done(placement, run(placement), startNanos));
      return;
    }
    slots.acquireUninterruptibly();
    inFlight.incrementAndGet();
    executor.execute(
        () -> {
          try {
            done.add(new Done(placement, run(placement), startNanos));
          } finally {
            inFlight.decrementAndGet();
            slots.release();
            onDone.run();
          }
        });
  }

  private CommitResult run(AdmissionPlanner.Placement placement) {
    try {
      return committer.commit(placement);
    } catch (RuntimeException e) {
      // Whatever went wrong, the cores stay held until the API server says otherwise.
      return new PlacementCommitter.Unresolved("commit failed unexpectedly: " + e);
    }
  }

  /** The commits finished since the last call. */
  List<Done> drain() {
    List<Done> finished = new ArrayList<>();
    for (Done d; (d = done.poll()) != null; ) {
      finished.add(d);
    }
    return finished;
  }

  /** Commits running now. */
  public int inFlight() {
    return inFlight.get();
  }

  @Override
  public void close() {
    if (executor != null) {
      executor.shutdownNow();
    }
  }
}
