package io.isocore.agent.telemetry;

import io.isocore.core.telemetry.ContainerKey;
import java.util.Optional;

/**
 * Names the latency containers on this node from what the kernel shows (pod UID and runtime
 * container id in a process's cgroup path). Fed by the pods bound to this node; only containers it
 * resolves are scanned, so it decides which containers count as latency containers.
 */
@FunctionalInterface
public interface ContainerResolver {

  /** Returns the container's names, or empty when it is not a latency container on this node. */
  Optional<ContainerRef> resolve(ContainerKey key);

  /**
   * Whether no container can resolve now; lets the collector skip the /proc walk on nodes without
   * latency pods.
   */
  default boolean isEmpty() {
    return false;
  }
}
