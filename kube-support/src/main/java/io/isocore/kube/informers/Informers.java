package io.isocore.kube.informers;

import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Starting and waiting for a set of informers, the same way in both applications. */
public final class Informers {

  private Informers() {}

  /**
   * Starts every informer and waits until each has listed once.
   *
   * @throws TimeoutException naming how long it waited, when one has not synced in time
   */
  public static void startAndAwait(
      Collection<? extends SharedIndexInformer<?>> informers, Duration timeout)
      throws TimeoutException, InterruptedException, ExecutionException {
    CompletableFuture<?>[] started =
        informers.stream().map(SharedIndexInformer::start).toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(started).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      TimeoutException named =
          new TimeoutException(
              "informers did not list within "
                  + timeout.toSeconds()
                  + " s ("
                  + informers.stream().filter(i -> !i.hasSynced()).count()
                  + " of "
                  + informers.size()
                  + " still waiting): is the API server reachable and are the CRDs installed?");
      named.initCause(e);
      throw named;
    }
  }

  /** Whether every informer has listed at least once. */
  public static boolean synced(Collection<? extends SharedIndexInformer<?>> informers) {
    return informers.stream().allMatch(SharedIndexInformer::hasSynced);
  }
}
