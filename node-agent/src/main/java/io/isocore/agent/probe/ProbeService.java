package io.isocore.agent.probe;

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
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Starts the probe thread at agent startup and stops it at shutdown. The plan and the held CPUs
 * come from {@link ProbePlanSource} and {@link HeldCpus} beans; until something else provides them
 * the defaults here mean "no profile, nothing held", so nothing is probed.
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
  private volatile boolean running;
  private Thread thread;
  private ScheduledExecutorService watchdog;
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
      @ConfigProperty(name = "isocore.probe.warmup", defaultValue = "200ms") Duration warmup) {
    this.plans = plans;
    this.held = held;
    this.results = results;
    this.listeners = listeners;
    this.cpuTelemetry = cpuTelemetry;
    this.enabled = enabled;
    this.firstWarmup = firstWarmup;
    this.warmup = warmup;
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
                Pinning.LIBC,
                System::nanoTime,
                Clock.systemUTC(),
                cpuTelemetry::rawInterruptsOn,
                ProbeService::gcCount),
            results,
            listeners.stream().toList(),
            firstWarmup,
            warmup);
    running = true;
    watchdog =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("isocore-probe-watchdog").unstarted(r));
    watchdog.scheduleWithFixedDelay(probe::checkHeld, 100, 100, TimeUnit.MILLISECONDS);
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
      watchdog.shutdownNow();
    }
  }

  private static long gcCount() {
    long sum = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      sum += Math.max(0, gc.getCollectionCount());
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
