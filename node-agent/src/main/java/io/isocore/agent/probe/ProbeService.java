package io.isocore.agent.probe;

import io.isocore.agent.cgroup.CgroupHierarchy;
import io.isocore.agent.cgroup.ProbeCgroup;
import io.isocore.agent.host.HostRoot;
import io.isocore.agent.telemetry.CpuTelemetry;
import io.isocore.agent.telemetry.HeldCpus;
import io.isocore.core.cpu.CpuSet;
import io.quarkus.arc.DefaultBean;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Starts the probe thread at agent startup and stops it at shutdown. The plan and the held CPUs
 * come from {@link ProbePlanSource} and {@link HeldCpus} beans; until something else provides them
 * the defaults here mean "no profile, nothing held", so nothing is probed.
 *
 * <p>The probe thread reaches idle isolated CPUs through {@link CgroupPinning} over the hierarchy
 * enforcement writes ({@code isocore.enforce.cgroup-root} or the host's): the agent's own container
 * is confined to the shared pool. {@code isocore.probe.cgroup=false} pins by affinity alone.
 */
@ApplicationScoped
public class ProbeService {

  private static final Logger LOG = Logger.getLogger(ProbeService.class);

  private final ProbePlanSource plans;
  private final HeldCpus held;
  private final ProbeResults results;
  private final Instance<ProbeWindowListener> listeners;
  private final CpuTelemetry cpuTelemetry;
  private final boolean enabled;
  private final Duration firstWarmup;
  private final Duration warmup;
  private final Pinning pinning;
  private volatile boolean running;
  private Thread thread;
  private Thread watchdog;
  private JitterProbe probe;

  ProbeService(
      ProbePlanSource plans,
      HeldCpus held,
      ProbeResults results,
      Instance<ProbeWindowListener> listeners,
      CpuTelemetry cpuTelemetry,
      @ConfigProperty(name = "isocore.probe.enabled", defaultValue = "true") boolean enabled,
      @ConfigProperty(name = "isocore.probe.first-warmup", defaultValue = "2s")
          Duration firstWarmup,
      @ConfigProperty(name = "isocore.probe.warmup", defaultValue = "200ms") Duration warmup,
      @ConfigProperty(name = "isocore.probe.cgroup", defaultValue = "true") boolean probeCgroup,
      @ConfigProperty(name = "isocore.enforce.cgroup-root") Optional<String> cgroupRoot,
      HostRoot host,
      StaticProbePlan staticPlan) {
    this.plans = staticPlan.orElse(plans);
    this.held = held;
    this.results = results;
    this.listeners = listeners;
    this.cpuTelemetry = cpuTelemetry;
    this.enabled = enabled;
    this.firstWarmup = firstWarmup;
    this.warmup = warmup;
    this.pinning = enabled && probeCgroup ? pinning(host, cgroupRoot) : Pinning.LIBC;
  }

  /** Pinning through the enforced cgroup hierarchy, or affinity alone where there is none. */
  private static Pinning pinning(HostRoot host, Optional<String> cgroupRoot) {
    try {
      CgroupHierarchy hierarchy = CgroupHierarchy.forEnforcement(host, cgroupRoot.map(Path::of));
      LOG.infof(
          "jitter probe: cgroup %s at %s (on v1 the probe thread uses its own cgroup %s)",
          hierarchy.version(), hierarchy.cpusetRoot(), ProbeCgroup.NAME);
      return new CgroupPinning(hierarchy, ProcessThreads.SELF);
    } catch (IllegalStateException e) {
      LOG.infof("jitter probe pins by affinity alone: %s", e.getMessage());
      return Pinning.LIBC;
    }
  }

  void start(@Observes StartupEvent event) {
    if (!enabled) {
      LOG.info("jitter probe disabled (isocore.probe.enabled=false)");
      return;
    }
    probe =
        new JitterProbe(
            new JitterProbe.Inputs(
                plans,
                held,
                pinning,
                System::nanoTime,
                Clock.systemUTC(),
                cpuTelemetry::rawInterruptsOn,
                ProbeService::gcCount),
            results,
            listeners.stream().toList(),
            firstWarmup,
            warmup);
    if (pinning instanceof CgroupPinning cgroup) {
      // A killed agent (no shutdown) may have left its probe cgroup: empty, so it goes now.
      cgroup.close();
    }
    running = true;
    JitterProbe watched = probe;
    watchdog =
        Thread.ofPlatform()
            .daemon()
            .name("isocore-probe-watchdog")
            .start(
                () -> {
                  try {
                    watched.watchHeld(Duration.ofMillis(100));
                  } catch (InterruptedException e) {
                    // shutdown
                  }
                });
    thread = Thread.ofPlatform().daemon().name("isocore-jitter-probe").start(this::loop);
  }

  private void loop() {
    while (running) {
      Duration sleep;
      try {
        sleep = probe.step();
      } catch (RuntimeException e) {
        LOG.warnf(e, "jitter probe step failed; retrying in 30 s");
        sleep = Duration.ofSeconds(30);
      }
      if (!sleep.isZero()) {
        try {
          Thread.sleep(sleep);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  /** Stops a running window if its CPU is in {@code cpus}; for the enforcement side. */
  public void preempt(CpuSet cpus) {
    JitterProbe p = probe;
    if (p != null) {
      p.preempt(cpus);
    }
  }

  void stop(@Observes ShutdownEvent event) {
    running = false;
    if (probe != null) {
      probe.stopNow();
    }
    if (thread != null) {
      thread.interrupt();
    }
    if (watchdog != null) {
      watchdog.interrupt();
    }
    if (thread != null) {
      try {
        // The window moves the thread back out of the probe cgroup as it ends.
        thread.join(Duration.ofSeconds(2));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (pinning instanceof CgroupPinning cgroup) {
      cgroup.close();
    }
  }

  /**
   * The JVM's collectors, looked up once: {@code getGarbageCollectorMXBeans()} builds a new list of
   * beans on every call (about 5 KB), and the probe reads the count twice per 100 ms segment.
   */
  private static final GarbageCollectorMXBean[] COLLECTORS =
      ManagementFactory.getGarbageCollectorMXBeans().toArray(new GarbageCollectorMXBean[0]);

  static long gcCount() {
    long sum = 0;
    for (int i = 0; i < COLLECTORS.length; i++) { // no iterator: nothing allocated per read
      sum += Math.max(0, COLLECTORS[i].getCollectionCount());
    }
    return sum;
  }

  /** Bean producers: the shared results, and empty defaults until the lead wires real sources. */
  static final class Beans {

    @Produces
    @Singleton
    ProbeResults results() {
      return new ProbeResults();
    }

    @Produces
    @DefaultBean
    @Singleton
    ProbePlanSource noPlan() {
      return Optional::empty;
    }

    @Produces
    @DefaultBean
    @Singleton
    HeldCpus nothingHeld() {
      return CpuSet::empty;
    }
  }
}
