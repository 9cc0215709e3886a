package io.isocore.agent.publish;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Configuration of topology publication ({@code isocore.agent.*}). */
@ConfigMapping(prefix = "isocore.agent")
public interface AgentConfig {

  /** The node's name; the NodeTopology is named after it. Set from the env NODE_NAME. */
  Optional<String> nodeName();

  /**
   * Deprecated alias of {@code isocore.host-root} (see {@code HostRootConfig}), still honoured: the
   * filesystem root holding sys/ and proc/.
   */
  @Deprecated
  Optional<String> root();

  /** Publication settings. */
  Publish publish();

  /** Publication settings. */
  interface Publish {
    /** Whether the agent publishes on its own schedule (off in tests, which call it directly). */
    @WithDefault("true")
    boolean enabled();

    /** How often the node is re-read even without a CPU hotplug. */
    @WithDefault("60s")
    Duration refreshInterval();

    /** How often {@code /sys/devices/system/cpu/online} is polled for hotplug (one small read). */
    @WithDefault("2s")
    Duration hotplugPollInterval();
  }
}
