package io.isocore.agent.publish;

import java.time.Duration;
import java.util.Optional;

/** Why the agent re-reads the node now, if it should. Pure. */
public enum RefreshTrigger {
  /** Nothing published yet. */
  FIRST,
  /** {@code /sys/devices/system/cpu/online} changed since the last publication. */
  HOTPLUG,
  /** The refresh interval passed. */
  PERIODIC;

  /**
   * Decides whether to publish now.
   *
   * @param publishedOnline the online file's content at the last publication, empty before the
   *     first
   * @param online the online file's content now
   * @param sinceLastPublication time since the last publication
   * @param refreshInterval the configured refresh interval
   */
  public static Optional<RefreshTrigger> decide(
      Optional<String> publishedOnline,
      String online,
      Duration sinceLastPublication,
      Duration refreshInterval) {
    if (publishedOnline.isEmpty()) {
      return Optional.of(FIRST);
    }
    if (!publishedOnline.get().equals(online)) {
      return Optional.of(HOTPLUG);
    }
    if (sinceLastPublication.compareTo(refreshInterval) >= 0) {
      return Optional.of(PERIODIC);
    }
    return Optional.empty();
  }
}
