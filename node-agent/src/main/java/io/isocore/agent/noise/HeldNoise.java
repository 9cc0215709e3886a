package io.isocore.agent.noise;

import io.isocore.agent.enforce.CoreAllocationReconciler;
import io.isocore.agent.enforce.CoreAllocationStatusBuilder;
import io.isocore.agent.host.HostRoot;
import io.isocore.agent.metrics.NodeCpuView;
import io.isocore.agent.probe.ProbeResults;
import io.isocore.agent.probe.ProbeWindow;
import io.isocore.agent.profile.NodeProfile;
import io.isocore.agent.telemetry.ContainerResolver;
import io.isocore.agent.telemetry.HeldCpuHealth;
import io.isocore.api.v1alpha1.CpuHealth;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.noise.NoisyCondition;
import io.isocore.mapping.InvalidResourceException;
import io.isocore.mapping.profile.IsolationProfiles;
import io.isocore.mapping.profile.ProfileSelection;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The agent's held-CPU noise loop ({@link HeldNoiseMonitor}) on a window of its own ({@code
 * isocore.noise.held-window}, default 10 s): gives the status writer each exclusive allocation's
 * {@code Noisy} condition (as a pass observer the reconciler hands to its writer), the NodeTopology
 * publisher the quarantined CPUs, and exports {@code isocore_allocation_noisy{namespace, pod}}. The
 * thread walk runs only while the profile sets {@code spec.heldCpuNoise} and a pod holds CPUs. On
 * unless {@code isocore.noise.enabled=false}.
 */
@Singleton
@Startup
public class HeldNoise
    implements CoreAllocationReconciler.PassObserver,
        CoreAllocationStatusBuilder.NoiseVerdicts,
        HeldCpuHealth {

  private static final Logger LOG = Logger.getLogger(HeldNoise.class);

  private final HeldNoiseMonitor monitor;
  private ScheduledExecutorService executor;

  /** Registers the gauge and, when enabled, starts the window. */
  public HeldNoise(
      PrometheusRegistry registry,
      HostRoot host,
      ContainerResolver resolver,
      NodeCpuView cpus,
      NodeProfile profile,
      ProbeResults probe,
      @ConfigProperty(name = "isocore.noise.enabled", defaultValue = "true") boolean enabled,
      @ConfigProperty(name = "isocore.noise.held-window", defaultValue = "10s") Duration window) {
    this.monitor =
        new HeldNoiseMonitor(
            host.root(),
            resolver,
            cpus::exclusive,
            () -> slo(profile),
            new HeldNoiseMonitor.ProbeView() {
              @Override
              public List<ProbeWindow> lastWindows() {
                return probe.lastWindows();
              }

              @Override
              public CpuSet quarantined() {
                return probe.quarantined();
              }
            },
            Clock.systemUTC());
    register(registry, monitor);
    if (!enabled) {
      return;
    }
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("isocore-held-noise").daemon().unstarted(r));
    long ms = Math.max(1000, window.toMillis());
    executor.scheduleWithFixedDelay(this::safeWindow, ms, ms, TimeUnit.MILLISECONDS);
  }

  /** The SLO of the profile selecting this node, or the problem naming its bad field. */
  static HeldNoiseMonitor.ProfileSlo slo(NodeProfile profile) {
    if (!(profile.selection().orElse(null) instanceof ProfileSelection.Selected s)
        || s.profile().getSpec() == null
        || s.profile().getSpec().heldCpuNoise() == null) {
      return HeldNoiseMonitor.ProfileSlo.NONE;
    }
    try {
      return new HeldNoiseMonitor.ProfileSlo(
          IsolationProfiles.heldCpuSlo(s.profile()), Optional.empty());
    } catch (InvalidResourceException e) {
      return new HeldNoiseMonitor.ProfileSlo(Optional.empty(), Optional.of(e.getMessage()));
    }
  }

  /** The gauge: one series per pod holding CPUs exclusively, 1 while it is Noisy. */
  static void register(PrometheusRegistry registry, HeldNoiseMonitor monitor) {
    GaugeWithCallback.builder()
        .name("isocore_allocation_noisy")
        .help(
            "1 while the allocation's Noisy condition is True: a held CPU above the profile's"
                + " heldCpuNoise SLO for its forSeconds (docs/noise.md); 0 otherwise.")
        .labelNames("namespace", "pod")
        .callback(
            cb ->
                monitor
                    .noisyByPod()
                    .forEach((pod, noisy) -> cb.call(noisy ? 1 : 0, pod.get(0), pod.get(1))))
        .register(registry);
  }

  private void safeWindow() {
    try {
      monitor.window();
    } catch (RuntimeException e) {
      LOG.warnf("held-CPU noise window failed: %s", e.toString());
    }
  }

  @Override
  public Optional<NoisyCondition> noisy(CpuSet exclusiveCpus) {
    return monitor.noisy(exclusiveCpus);
  }

  @Override
  public List<CpuHealth> quarantinedHealth() {
    return monitor.cpuHealth();
  }

  @Override
  public void addListener(Runnable onChange) {
    monitor.addListener(onChange);
  }

  @PreDestroy
  void stop() {
    if (executor != null) {
      executor.shutdownNow();
    }
  }
}
