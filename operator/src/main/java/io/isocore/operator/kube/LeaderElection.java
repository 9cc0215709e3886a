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
 * replicas never allocate at once.
 */
public final class LeaderElection implements AutoCloseable {
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
    this.elector =
        new LeaderElectorBuilder(client, executor)
            .withConfig(
                new LeaderElectionConfigBuilder()
                    .withName(settings.leaseName())
                    .withLock(
                        new LeaseLock(
                            settings.namespace(), settings.leaseName(), settings.identity()))
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
                              onStartLeading.run();
                            },
                            () -> {
                              LOG.warnf("%s stopped leading", settings.identity());
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
  public void close() {
    if (running != null) {
      running.cancel(true);
    }
    executor.shutdownNow();
  }
}
