package io.isocore.operator.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaderElectionRecord;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.Lock;
import java.time.Duration;

/**
 * The Lease lock the elector uses, remembering when this replica last renewed it: the fence is held
 * while the last successful renewal started less than the renew deadline ago. The start of the
 * request counts (not its answer), so a slow renewal never extends the fence past what the API
 * server granted.
 */
final class FencedLeaseLock implements Lock {
  private final Lock lease;
  private final long renewDeadlineNanos;
  private volatile long renewedAt;
  private volatile boolean renewedOnce;

  FencedLeaseLock(Lock lease, Duration renewDeadline) {
    this.lease = lease;
    this.renewDeadlineNanos = renewDeadline.toNanos();
  }

  boolean fresh() {
    return renewedOnce && System.nanoTime() - renewedAt < renewDeadlineNanos;
  }

  /** Stops the fence at once, whatever the last renewal (leadership lost or given up). */
  void expire() {
    renewedOnce = false;
  }

  @Override
  public LeaderElectionRecord get(KubernetesClient client) {
    return lease.get(client);
  }

  @Override
  public void create(KubernetesClient client, LeaderElectionRecord record) {
    long start = System.nanoTime();
    lease.create(client, record);
    renewed(record, start);
  }

  @Override
  public void update(KubernetesClient client, LeaderElectionRecord record) {
    long start = System.nanoTime();
    lease.update(client, record);
    renewed(record, start);
  }

  private void renewed(LeaderElectionRecord record, long start) {
    if (identity().equals(record.getHolderIdentity())) {
      renewedAt = start;
      renewedOnce = true;
    } else {
      // Released (an empty holder): the fence drops with it.
      renewedOnce = false;
    }
  }

  @Override
  public String identity() {
    return lease.identity();
  }

  @Override
  public String describe() {
    return lease.describe();
  }
}
