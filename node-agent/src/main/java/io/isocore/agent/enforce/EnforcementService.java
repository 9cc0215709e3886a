package io.isocore.agent.enforce;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.isocore.agent.cgroup.CgroupHierarchy;
import io.isocore.agent.cgroup.CpusetCgroups;
import io.isocore.agent.cgroup.ThreadAffinityReader;
import io.isocore.agent.host.HostRoot;
import io.isocore.agent.irq.AffinityWriter;
import io.isocore.agent.irq.IrqAffinity;
import io.isocore.agent.profile.NodeProfile;
import io.isocore.agent.telemetry.PodContainerIndex;
import io.isocore.kube.events.EventRecorder;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs the {@link CoreAllocationReconciler} in the agent: on every change to this node's
 * CoreAllocations or pods (coalesced) and every {@code isocore.enforce.interval} to verify and
 * repair drift. Off unless {@code isocore.enforce.enabled=true}: it writes cgroups and IRQ
 * affinities, which nothing should do by accident (a test booting the app, a laptop).
 */
@ApplicationScoped
public class EnforcementService {

  private static final Logger LOG = Logger.getLogger(EnforcementService.class);

  @Inject KubernetesClient client;

  @Inject PodContainerIndex containers;

  @Inject NodeProfile profile;

  @Inject EventRecorder events;

  /** Every bean that observes passes: the probe feed, the metrics' CPU view. */
  @Inject @Any Instance<CoreAllocationReconciler.PassObserver> observers;

  @ConfigProperty(name = "isocore.enforce.enabled", defaultValue = "false")
  boolean enabled;

  @ConfigProperty(name = "isocore.agent.node-name")
  Optional<String> nodeName;

  /** The host root (isocore.host-root; isocore.enforce.root is a deprecated alias). */
  @Inject HostRoot host;

  /**
   * The cgroup root to enforce in, instead of {root}/sys/fs/cgroup: the quickstart points it at a
   * sandbox so that nothing outside it is written.
   */
  @ConfigProperty(name = "isocore.enforce.cgroup-root")
  Optional<String> cgroupRoot;

  /** Whether to move IRQs off exclusive CPUs (the chart's agent.irqSteering). */
  @ConfigProperty(name = "isocore.enforce.irq-steering", defaultValue = "true")
  boolean irqSteering;

  @ConfigProperty(name = "isocore.enforce.interval", defaultValue = "30s")
  Duration interval;

  @ConfigProperty(name = "isocore.enforce.state-dir", defaultValue = "/var/lib/isocore")
  String stateDir;

  private ScheduledExecutorService executor;
  private InformerNodeObjects objects;
  private final AtomicBoolean queued = new AtomicBoolean();

  void start(@Observes StartupEvent event) throws IOException {
    if (!enabled) {
      LOG.info("enforcement is off (isocore.enforce.enabled=false)");
      return;
    }
    String node =
        nodeName.orElseThrow(
            () -> new IllegalStateException("isocore.agent.node-name (NODE_NAME) is not set"));
    // The hierarchy the NodeTopology publishes, unless a sandbox is configured.
    CpusetCgroups cgroups =
        CgroupHierarchy.forEnforcement(host, cgroupRoot.map(Path::of)).adapter();
    IrqAffinity irq =
        new IrqAffinity(
            host.root(),
            Optional.of(Path.of(stateDir).resolve("irq-affinity")),
            AffinityWriter.FILES);
    AllocationEnforcer enforcer =
        new AllocationEnforcer(
            cgroups,
            new ThreadAffinityReader(host.proc()),
            new NodeHugepages(host),
            irqSteering ? Optional.of(irq) : Optional.empty());
    NodeCpusReader reader = new NodeCpusReader(host);
    executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "isocore-enforce"));
    objects = new InformerNodeObjects(client, node, this::trigger);
    CoreAllocationReconciler reconciler =
        new CoreAllocationReconciler(
            client, node, objects, enforcer, reader::read, profile, events, Clock.systemUTC());
    observers.forEach(reconciler::observe);
    Runnable pass =
        () -> {
          queued.set(false);
          try {
            LatencyPods.refresh(containers, objects);
            reconciler.reconcileOnce();
          } catch (RuntimeException e) {
            LOG.error("enforcement pass failed: " + e);
          }
        };
    this.pass = pass;
    executor.scheduleWithFixedDelay(pass, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    LOG.info("enforcing CoreAllocations of node " + node + " on cgroup " + cgroups.version());
  }

  private Runnable pass;

  private void trigger() {
    if (pass != null && queued.compareAndSet(false, true)) {
      executor.schedule(pass, 200, TimeUnit.MILLISECONDS);
    }
  }

  void stop(@Observes ShutdownEvent event) {
    if (objects != null) {
      objects.close();
    }
    if (executor != null) {
      executor.shutdownNow();
    }
  }
}
