package io.isocore.agent.testing;

import io.isocore.agent.publish.AgentConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** An agent configuration for tests: the node's name, a host root, publishing on. */
public final class TestAgentConfig {
  private TestAgentConfig() {}

  /** Publishes NodeTopology for {@code node} from the host tree at {@code root}. */
  public static AgentConfig publishing(String node, Path root) {
    return new AgentConfig() {
      @Override
      public Optional<String> nodeName() {
        return Optional.of(node);
      }

      @Override
      public Optional<String> root() {
        return Optional.of(root.toString());
      }

      @Override
      public Publish publish() {
        return new Publish() {
          @Override
          public boolean enabled() {
            return true;
          }

          @Override
          public Duration refreshInterval() {
            return Duration.ofSeconds(60);
          }

          @Override
          public Duration hotplugPollInterval() {
            return Duration.ofSeconds(2);
          }
        };
      }
    };
  }
}
