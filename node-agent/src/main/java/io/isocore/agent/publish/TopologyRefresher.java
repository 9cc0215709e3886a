package io.isocore.agent.publish;

import io.isocore.agent.host.HostFiles;
import io.isocore.agent.host.HostRoot;
import io.isocore.agent.profile.NodeProfile;
import io.isocore.agent.telemetry.HeldCpuHealth;
import io.isocore.agent.topology.NodeReader;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Re-publishes the topology periodically and soon after a CPU hotplug, which it notices by polling
 * the one small {@code /sys/devices/system/cpu/online} file. A failed publication is logged and
 * retried with a doubling delay (see {@link RetryBackoff}); it never stops the agent.
 */
@ApplicationScoped
public class TopologyRefresher {

  private static final Logger LOG = Logger.getLogger(TopologyRefresher.class);

  private final NodeTopologyPublisher publisher;
  private final AgentConfig config;
  private final NodeProfile profile;
  private final HostRoot host;
  private ScheduledExecutorService executor;
  private volatile String lastOnline;
  private volatile long lastPublishNanos;
  private int failures;
  private long retryAtNanos;

  private final HeldCpuHealth held;

  /** Creates the refresher; {@code held} republishes when the noisy held CPUs change. */
  public TopologyRefresher(
      NodeTopologyPublisher publisher,
      AgentConfig config,
      NodeProfile profile,
      HostRoot host,
      HeldCpuHealth held) {
    this.held = held;
    this.publisher = publisher;
    this.config = config;
    this.profile = profile;
    this.host = host;
  }

  void start(@Observes StartupEvent event) {
    if (!config.publish().enabled()) {
      LOG.info("topology publication disabled (isocore.agent.publish.enabled=false)");
      return;
    }
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("isocore-topology").daemon().unstarted(r));
    long poll = Math.max(100, config.publish().hotplugPollInterval().toMillis());
    executor.scheduleWithFixedDelay(this::tick, 0, poll, TimeUnit.MILLISECONDS);
    // A new profile selection (a conflict, its end) changes the ProfileUsable condition now.
    profile.addListener(() -> executor.execute(this::republish));
    // A CPU quarantined as noisy while held (or released) reaches the operator now.
    held.addListener(() -> executor.execute(this::republish));
  }

  private void republish() {
    try {
      publisher.publish(new NodeReader(host.root()).read());
    } catch (RuntimeException e) {
      LOG.warnf("publishing the NodeTopology after a change failed: %s", e.toString());
    }
  }

  void stop(@Observes ShutdownEvent event) {
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  /** One poll: publish when the online CPUs changed or the refresh interval passed. */
  void tick() {
    String online = readOnline();
    Optional<RefreshTrigger> trigger =
        RefreshTrigger.decide(
            Optional.ofNullable(lastOnline),
            online,
            Duration.ofNanos(System.nanoTime() - lastPublishNanos),
            config.publish().refreshInterval());
    if (trigger.isEmpty() || System.nanoTime() - retryAtNanos < 0) {
      return;
    }
    if (trigger.get() == RefreshTrigger.HOTPLUG) {
      LOG.infof("online CPUs changed from %s to %s: re-reading the topology", lastOnline, online);
    }
    try {
      publisher.publish(new NodeReader(host.root()).read());
      lastOnline = online;
      lastPublishNanos = System.nanoTime();
      failures = 0;
    } catch (RuntimeException e) {
      failures++;
      Duration wait =
          RetryBackoff.delay(
              failures, config.publish().hotplugPollInterval(), config.publish().refreshInterval());
      retryAtNanos = System.nanoTime() + wait.toNanos();
      LOG.warnf(
          "publishing the NodeTopology failed (%d in a row), retrying in %s: %s",
          failures, wait, e.toString());
    }
  }

  private String readOnline() {
    try {
      return HostFiles.onlineCpusText(host).orElse("");
    } catch (RuntimeException e) {
      return "";
    }
  }
}
