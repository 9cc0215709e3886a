package io.isocore.operator.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectorBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Lease-based leader election (coordination.k8s.io/v1 Lease): only the holder schedules, so two
 * replicas never allocate at once. It is also the {@link LeaseFence} every commit checks: held
 * while this replica leads and its last renewal started less than the renew deadline ago.
 */
public final class LeaderElection implements AutoCloseable, LeaseFence {
  private static final Logger LOG = Logger.getLogger(LeaderElection.class);

  /**
   * @param leaseDuration how long a lease holds without renewal; a new leader waits this long after
   *     the old one stops renewing
   * @param renewDeadline the holder gives up leadership when it could not renew for this long
   * @param retryPeriod how often candidates try to acquire and the holder renews
   */
  public record Settings(
      String namespace,
      String leaseName,
      String identity,
      Duration leaseDuration,
      Duration renewDeadline,
      Duration retryPeriod) {}

  private final LeaderElector elector;
  private final ExecutorService executor;
  private final FencedLeaseLock lock;
  private volatile boolean leading;
  private CompletableFuture<?> running;

  public LeaderElection(
      KubernetesClient client, Settings settings, Runnable onStartLeading, Runnable onStopLeading) {
    this.executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "isocore-leader-election");
              t.setDaemon(true);
              return t;
            });
    this.lock =
        new FencedLeaseLock(
            new LeaseLock(settings.namespace(), settings.leaseName(), settings.identity()),
            settings.renewDeadline());
    this.elector =
        new LeaderElectorBuilder(client, executor)
            .withConfig(
                new LeaderElectionConfigBuilder()
                    .withName(settings.leaseName())
                    .withLock(lock)
                    .withLeaseDuration(settings.leaseDuration())
                    .withRenewDeadline(settings.renewDeadline())
                    .withRetryPeriod(settings.retryPeriod())
                    .withReleaseOnCancel(true)
                    .withLeaderCallbacks(
                        new LeaderCallbacks(
                            () -> {
                              LOG.infof(
                                  "%s now leads %s/%s",
                                  settings.identity(), settings.namespace(), settings.leaseName());
                              leading = true;
                              onStartLeading.run();
                            },
                            () -> {
                              LOG.warnf("%s stopped leading", settings.identity());
                              leading = false;
                              lock.expire();
                              onStopLeading.run();
                            },
                            leader -> LOG.infof("leader is %s", leader)))
                    .build())
            .build();
  }

  public void start() {
    running = elector.start();
  }

  @Override
  public boolean held() {
    return leading && lock.fresh();
  }

  /**
   * Gives the Lease up (a leader that cannot start leading): the fence drops at once, the election
   * stops and the Lease is released so another replica takes over without waiting for it to expire.
   */
  public void release() {
    leading = false;
    lock.expire();
    close();
  }

  @Override
  public void close() {
    if (running != null) {
      running.cancel(true);
    }
    executor.shutdownNow();
  }
}
