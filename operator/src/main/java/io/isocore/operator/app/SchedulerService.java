package io.isocore.operator.app;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.isocore.core.admission.AdmissionQueue;
import io.isocore.core.admission.LotteryQueue;
import io.isocore.core.admission.StrideQueue;
import io.isocore.kube.events.EventRecorder;
import io.isocore.operator.kube.Binder;
import io.isocore.operator.kube.ClusterInformers;
import io.isocore.operator.kube.EventReason;
import io.isocore.operator.kube.LeaderElection;
import io.isocore.operator.kube.LeaseFence;
import io.isocore.operator.metrics.OperatorMetrics;
import io.isocore.operator.scheduler.SchedulingLoop;
import io.isocore.operator.scheduler.SchedulingReconciler;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Starts the scheduler with the application: informers, the single scheduling thread, the commit
 * pipeline fenced by the Lease, and leader election. Losing the lease ends the process (as the
 * kube-scheduler does), so a replica never acts on state from an old term; Kubernetes restarts it
 * as a candidate. A leader that cannot start leading releases the Lease and exits likewise.
 */
@ApplicationScoped
public class SchedulerService {
  private static final Logger LOG = Logger.getLogger(SchedulerService.class);

  private final KubernetesClient client;
  private final OperatorConfig config;
  private final OperatorMetrics metrics;
  private final Binder binder;
  private ClusterInformers informers;
  private SchedulingLoop loop;
  private LeaderElection election;

  SchedulerService(
      KubernetesClient client, OperatorConfig config, OperatorMetrics metrics, Binder binder) {
    this.client = client;
    this.config = config;
    this.metrics = metrics;
    this.binder = binder;
  }

  void onStart(@Observes StartupEvent event) throws Exception {
    String identity = config.leaderElection().identity();
    AtomicReference<SchedulingLoop> kick = new AtomicReference<>();
    Runnable wake =
        () -> {
          SchedulingLoop l = kick.get();
          if (l != null) {
            l.kick();
          }
        };
    informers = new ClusterInformers(client, wake);
    var e = config.leaderElection();
    if (e.enabled()) {
      election =
          new LeaderElection(
              client,
              new LeaderElection.Settings(
                  e.leaseNamespace(),
                  e.leaseName(),
                  identity,
                  e.leaseDuration(),
                  e.renewDeadline(),
                  e.retryPeriod()),
              () -> kick.get().startLeading(),
              () -> {
                kick.get().stopLeading();
                Quarkus.asyncExit(1);
              });
    }
    LeaseFence fence = election == null ? LeaseFence.ALWAYS : election;
    loop =
        new SchedulingLoop(
            reconciler(
                client,
                config,
                identity,
                informers,
                metrics,
                binder,
                new SchedulerAssembly.Commits(fence, config.commitsInFlight(), wake)),
            config.resync());
    loop.onGiveUp(
        () -> {
          if (election != null) {
            election.release();
          }
          Quarkus.asyncExit(1);
        });
    kick.set(loop);
    informers.start(config.informerSyncTimeout());
    if (election == null) {
      LOG.warn("leader election disabled: run exactly one replica");
      loop.startLeading();
      return;
    }
    election.start();
  }

  /** Readiness: see {@link SchedulingLoop#ready}. */
  boolean ready() {
    return loop == null || loop.ready(config.maxCycleAge());
  }

  void onStop(@Observes ShutdownEvent event) {
    if (election != null) {
      election.close();
    }
    if (loop != null) {
      loop.close();
    }
    if (informers != null) {
      informers.close();
    }
  }

  /** The reconciler with the configured admission policy and tenants. */
  static SchedulingReconciler reconciler(
      KubernetesClient client,
      OperatorConfig config,
      String identity,
      io.isocore.operator.catalog.ClusterView view,
      OperatorMetrics metrics,
      Binder binder,
      SchedulerAssembly.Commits commits) {
    Clock clock = Clock.systemUTC();
    double maxFactor = config.tenants().maxInflationFactor();
    String policy = config.admission().policy();
    if (!"stride".equalsIgnoreCase(policy) && !"lottery".equalsIgnoreCase(policy)) {
      throw new IllegalArgumentException(
          "isocore.admission.policy (ISOCORE_ADMISSION_POLICY) must be stride or lottery, got \""
              + policy
              + "\"");
    }
    Supplier<AdmissionQueue> queue =
        "lottery".equalsIgnoreCase(policy)
            ? () ->
                new LotteryQueue(
                    maxFactor,
                    config.admission().lotterySeed().map(Random::new).orElseGet(Random::new))
            : () -> new StrideQueue(maxFactor);
    return SchedulerAssembly.reconciler(
        client,
        view,
        binder,
        new EventRecorder(
            client,
            EventReason.COMPONENT,
            identity,
            clock,
            EventRecorder.backgroundSender(EventReason.SENDER_THREAD)),
        queue,
        Set.copyOf(config.tenants().inflationAllowed().orElse(List.of())),
        metrics,
        clock,
        commits);
  }
}
