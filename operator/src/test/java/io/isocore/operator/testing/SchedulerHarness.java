package io.isocore.operator.testing;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.isocore.api.v1alpha1.CoreAllocation;
import io.isocore.core.admission.StrideQueue;
import io.isocore.kube.events.EventRecorder;
import io.isocore.operator.app.SchedulerAssembly;
import io.isocore.operator.kube.ClusterInformers;
import io.isocore.operator.kube.EventReason;
import io.isocore.operator.kube.LeaderElection;
import io.isocore.operator.kube.LeaseFence;
import io.isocore.operator.metrics.OperatorMetrics;
import io.isocore.operator.scheduler.CycleReport;
import io.isocore.operator.scheduler.SchedulingLoop;
import io.isocore.operator.scheduler.SchedulingReconciler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * One operator instance against a (mock) API server, driven by the test: real informers, the real
 * reconciler and writers, and the {@link EmulatedApiServerBinder} in place of the API server's
 * binding storage. {@link #cycleUntil} runs cycles until a condition holds, since informers see the
 * test's writes a moment later.
 */
public final class SchedulerHarness implements AutoCloseable {
  public final KubernetesClient client;
  public final ClusterInformers informers;
  public final SchedulingReconciler reconciler;
  public final EmulatedApiServerBinder binder;
  public final PrometheusRegistry registry = new PrometheusRegistry();
  public final OperatorMetrics metrics = new OperatorMetrics(registry);

  private final AtomicReference<Runnable> onChange = new AtomicReference<>(() -> {});
  // The Lease fence: always held for test-driven leadership, the election's under runElected.
  private final AtomicReference<LeaseFence> fence = new AtomicReference<>(LeaseFence.ALWAYS);
  private SchedulingLoop loop;
  private LeaderElection election;

  public SchedulerHarness(KubernetesClient client, String identity) {
    this(client, identity, Runnable::run);
  }

  /**
   * @param eventSender where Events are sent: {@code Runnable::run} (tests see them at once) or
   *     {@link EventRecorder#backgroundSender} (as in production)
   */
  public SchedulerHarness(
      KubernetesClient client, String identity, java.util.concurrent.Executor eventSender) {
    this(client, identity, eventSender, 0);
  }

  /**
   * @param commitsInFlight 0: commits run inline (a cycle's writes are done when it returns); above
   *     0: the production pipeline with that many commits in flight
   */
  public SchedulerHarness(
      KubernetesClient client,
      String identity,
      java.util.concurrent.Executor eventSender,
      int commitsInFlight) {
    this.client = client;
    this.informers = new ClusterInformers(client, () -> onChange.get().run());
    this.binder = new EmulatedApiServerBinder(client);
    Clock clock = Clock.systemUTC();
    this.reconciler =
        SchedulerAssembly.reconciler(
            client,
            informers,
            binder,
            new EventRecorder(client, EventReason.COMPONENT, identity, clock, eventSender),
            () -> new StrideQueue(4),
            Set.of(),
            metrics,
            clock,
            new SchedulerAssembly.Commits(
                () -> fence.get().held(), commitsInFlight, () -> onChange.get().run()));
  }

  /** Starts the informers, waits for their first list, and takes the leadership directly. */
  public SchedulerHarness startLeading() throws Exception {
    informers.start(Duration.ofSeconds(10));
    reconciler.startLeading();
    return this;
  }

  /**
   * Runs the production loop (single thread, kicked by the informers) under Lease election, as a
   * deployed replica does, instead of test-driven cycles.
   */
  public SchedulerHarness runElected(String identity, Duration lease) throws Exception {
    loop = new SchedulingLoop(reconciler, Duration.ofMillis(200));
    onChange.set(loop::kick);
    informers.start(Duration.ofSeconds(10));
    election =
        new LeaderElection(
            client,
            new LeaderElection.Settings(
                "isocore-system",
                "isocore-scheduler",
                identity,
                lease,
                lease.multipliedBy(2).dividedBy(3),
                lease.dividedBy(5)),
            loop::startLeading,
            loop::stopLeading);
    fence.set(election);
    loop.onGiveUp(election::release);
    election.start();
    return this;
  }

  /** The production loop, when {@link #runElected} started it. */
  public SchedulingLoop loop() {
    return loop;
  }

  /** Replaces the Lease fence (a test that makes this replica lose the Lease). */
  public void fence(LeaseFence replacement) {
    fence.set(replacement);
  }

  public CycleReport cycle() {
    return reconciler.reconcile();
  }

  /** Runs cycles (10 ms apart) until {@code done}, failing after {@code timeout}. */
  public void cycleUntil(BooleanSupplier done, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      cycle();
      if (done.getAsBoolean()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      sleep(10);
    }
  }

  /** Waits (without cycling) until {@code done}; for informers to catch up. */
  public static void await(BooleanSupplier done, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      sleep(10);
    }
  }

  public List<CoreAllocation> coreAllocations() {
    return client.resources(CoreAllocation.class).inAnyNamespace().list().getItems();
  }

  public List<Pod> pods(String namespace) {
    return client.pods().inNamespace(namespace).list().getItems();
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    if (election != null) {
      election.close();
    }
    if (loop != null) {
      loop.close();
    }
    informers.close();
  }
}
