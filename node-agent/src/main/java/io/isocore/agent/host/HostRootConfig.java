package io.isocore.agent.host;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Produces the agent's one {@link HostRoot} from {@code isocore.host-root}. The keys it replaces,
 * {@code isocore.agent.root} (publication, telemetry) and {@code isocore.enforce.root}
 * (enforcement), are still honoured, with a warning, so that a chart setting {@code
 * ISOCORE_AGENT_ROOT} and {@code ISOCORE_ENFORCE_ROOT} keeps working. Default {@code /}.
 */
@ApplicationScoped
public class HostRootConfig {

  /** The key. */
  public static final String KEY = "isocore.host-root";

  /** The deprecated keys, in the order they are consulted after {@link #KEY}. */
  public static final List<String> DEPRECATED_KEYS =
      List.of("isocore.agent.root", "isocore.enforce.root");

  private static final Logger LOG = Logger.getLogger(HostRootConfig.class);

  @Produces
  @Singleton
  HostRoot hostRoot(Config config) {
    return resolve(key -> config.getOptionalValue(key, String.class));
  }

  /** The root the configuration names; {@code /} when no key is set. */
  public static HostRoot resolve(java.util.function.Function<String, Optional<String>> config) {
    Optional<String> root = config.apply(KEY).filter(s -> !s.isBlank());
    if (root.isPresent()) {
      return HostRoot.of(root.get());
    }
    Optional<String> chosen = Optional.empty();
    for (String key : DEPRECATED_KEYS) {
      Optional<String> value = config.apply(key).filter(s -> !s.isBlank());
      if (value.isEmpty()) {
        continue;
      }
      if (chosen.isEmpty()) {
        LOG.warnf("%s is deprecated: set %s (env ISOCORE_HOST_ROOT) instead", key, KEY);
        chosen = value;
      } else if (!chosen.get().equals(value.get())) {
        LOG.warnf(
            "%s=%s differs from the host root in use, %s; ignored", key, value.get(), chosen.get());
      }
    }
    return chosen.map(HostRoot::of).orElse(HostRoot.SLASH);
  }
}
