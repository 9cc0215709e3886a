package io.isocore.agent.enforce;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.isocore.agent.cgroup.CgroupHierarchy;
import io.isocore.agent.cgroup.CgroupVersion;
import io.isocore.agent.cgroup.CpusetCgroups;
import io.isocore.agent.cgroup.ThreadAffinityReader;
import io.isocore.agent.host.HostRoot;
import io.isocore.agent.irq.AffinityWriter;
import io.isocore.agent.irq.IrqAffinity;
import io.isocore.agent.irq.IrqSteering;
import io.isocore.agent.probe.AgentThreads;
import io.isocore.agent.profile.NodeProfile;
import io.isocore.agent.telemetry.PodContainerIndex;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.profile.ProfileRules;
import io.isocore.kube.events.EventRecorder;
import io.isocore.mapping.profile.ProfileSelection;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
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

  /** The start pins' directory (pin.StartPinWriter writes it), where the hook records starts. */
  @ConfigProperty(name = "isocore.pin.dir")
  Optional<String> pinDir;

  /**
   * {@code enforce} (the default) or {@code restore}: the chart's pre-delete hook rolls the
   * DaemonSet out with {@code restore}, and each agent then gives its node back what isocore
   * changed ({@link NodeRestore}) instead of enforcing.
   */
  @ConfigProperty(name = "isocore.agent.mode", defaultValue = "enforce")
  String mode;

  /** Whether the jitter probe runs: on v2 the agent's own cpuset then holds its CPUs. */
  @ConfigProperty(name = "isocore.probe.enabled", defaultValue = "true")
  boolean probeEnabled;

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
    Path irqState = Path.of(stateDir).resolve("irq-affinity");
    if (AgentMode.parse(mode) == AgentMode.RESTORE) {
      restoreNode(irqState);
      return;
    }
    // The hierarchy the NodeTopology publishes, unless a sandbox is configured.
    CgroupHierarchy hierarchy = CgroupHierarchy.forEnforcement(host, cgroupRoot.map(Path::of));
    CpusetCgroups cgroups = hierarchy.adapter();
    // cgroup v2: the agent's own container cpuset also holds the CPUs the probe measures.
    Optional<AgentOwnCpuset> ownCpuset = ownCpuset(hierarchy, cgroups);
    if (ownCpuset.isPresent()) {
      cgroups = ownCpuset.get().adapter();
    }
    AllocationEnforcer enforcer =
        new AllocationEnforcer(
            cgroups,
            new ThreadAffinityReader(host.proc()),
            new NodeHugepages(host),
            irqAffinity(node, irqState));
    NodeCpusReader reader = new NodeCpusReader(host);
    ownCpuset.ifPresent(o -> o.readingBeforeEachPass(ownCpusetFacts(reader)));
    executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "isocore-enforce"));
    objects = new InformerNodeObjects(client, node, this::trigger);
    // An API or cache failure keeps the last known objects; defaults are never enforced.
    NodeObjects lastKnown = new LastKnownNodeObjects(objects);
    enforcer.hotThreads(HotThreads.of(lastKnown));
    enforcer.hookStarts(HookStarts.of(pinDir.map(Path::of).orElse(Path.of(stateDir, "pins"))));
    CoreAllocationReconciler reconciler =
        new CoreAllocationReconciler(
            client, node, lastKnown, enforcer, reader::read, profile, events, Clock.systemUTC());
    reconciler.passSoon(this::trigger);
    observers.forEach(reconciler::observe);
    ownCpuset.ifPresent(reconciler::observe);
    Runnable pass =
        () -> {
          queued.set(false);
          try {
            LatencyPods.refresh(containers, objects);
            reconciler.reconcileOnce();
            ownCpuset.ifPresent(AgentOwnCpuset::afterPass);
          } catch (RuntimeException e) {
            LOG.error("enforcement pass failed: " + e);
          }
        };
    this.pass = pass;
    executor.scheduleWithFixedDelay(pass, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    LOG.info("enforcing CoreAllocations of node " + node + " on cgroup " + cgroups.version());
  }

  private Runnable pass;

  /** The agent's own cpuset on cgroup v2 (from its /proc/self/cgroup), else empty. */
  private Optional<AgentOwnCpuset> ownCpuset(CgroupHierarchy hierarchy, CpusetCgroups cgroups) {
    if (hierarchy.version() != CgroupVersion.V2) {
      return Optional.empty();
    }
    try {
      return AgentOwnCpuset.of(
          hierarchy,
          cgroups,
          probeEnabled,
          Files.readString(Path.of("/proc/self/cgroup")),
          ProcessHandle.current().pid(),
          AgentThreads::confine);
    } catch (IOException e) {
      LOG.warn("cgroup v2: cannot read /proc/self/cgroup, the agent's cpuset is left alone: " + e);
      return Optional.empty();
    }
  }

  /** The running pass's profile (selected before it writes) and the node's isolated CPUs. */
  private AgentOwnCpuset.Facts ownCpusetFacts(NodeCpusReader reader) {
    return new AgentOwnCpuset.Facts() {
      @Override
      public Optional<ProfileRules> rules() {
        return profile
            .selection()
            .filter(ProfileSelection.Selected.class::isInstance)
            .map(s -> ((ProfileSelection.Selected) s).rules());
      }

      @Override
      public CpuSet isolated(Optional<ProfileRules> rules) throws IOException {
        NodeCpus cpus = reader.read(rules.flatMap(ProfileRules::explicitIsolated));
        return cpus.isolated().intersection(cpus.online());
      }
    };
  }

  /**
   * IRQ steering when allowed. A state file that cannot be used is set aside (log and Event) and
   * never stops the agent; with steering off (isocore.enforce.irq-steering=false) what an earlier
   * run moved is given back once, at start.
   */
  private Optional<IrqAffinity> irqAffinity(String node, Path stateFile) {
    IrqAffinity irq;
    try {
      irq = new IrqAffinity(host, Optional.of(stateFile), AffinityWriter.FILES, Clock.systemUTC());
    } catch (IOException e) {
      LOG.error("IRQ steering is off for this run: " + e.getMessage());
      return Optional.empty();
    }
    irq.setAside().ifPresent(s -> IrqStateNotice.setAside(events, node, s));
    if (irqSteering) {
      return Optional.of(irq);
    }
    if (!irq.originals().isEmpty()) {
      try {
        IrqSteering restored = irq.restore();
        LOG.infof(
            "IRQ steering is off: %d IRQs isocore moved were restored", restored.restored().size());
        restored.warnings().forEach(LOG::warn);
      } catch (IOException e) {
        LOG.warn("IRQ steering is off but restoring the IRQs isocore moved failed: " + e);
      }
    }
    return Optional.empty();
  }

  /** Uninstall: restore the node, and fail the start (so the hook sees it) when that fails. */
  private void restoreNode(Path irqState) {
    NodeRestore.Result result =
        new NodeRestore(
                host, cgroupRoot.map(Path::of), irqState, AffinityWriter.FILES, Clock.systemUTC())
            .run();
    result.lines().forEach(LOG::info);
    if (result.failure().isPresent()) {
      throw new IllegalStateException("restoring the node failed: " + result.failure().get());
    }
    LOG.info("restore mode: isocore's changes on this node are undone; nothing is enforced");
  }

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
