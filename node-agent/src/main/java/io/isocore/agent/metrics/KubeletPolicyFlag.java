package io.isocore.agent.metrics;

import io.isocore.agent.telemetry.NodeFacts;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * The value of {@code isocore_node_kubelet_cpu_manager_static}: 1 when the kubelet's {@code
 * cpu_manager_state} names the static policy, 0 when it names another, and no sample at all when
 * the agent cannot know: the check is off ({@code isocore.kubelet-cpu-manager-check=false}, the
 * chart's {@code agent.kubeletCpuManagerCheck: false}, which mounts nothing of the kubelet) or the
 * state file is not there. A 0 there would claim a policy nobody read. Each reason is logged once.
 */
final class KubeletPolicyFlag {

  /** The configuration key. */
  static final String KEY = "isocore.kubelet-cpu-manager-check";

  private static final Logger LOG = Logger.getLogger(KubeletPolicyFlag.class);

  private final NodeFacts node;
  private final boolean enabled;
  private final Path stateFile;
  private final AtomicBoolean absenceLogged = new AtomicBoolean();

  KubeletPolicyFlag(NodeFacts node, boolean enabled, Path stateFile) {
    this.node = node;
    this.enabled = enabled;
    this.stateFile = stateFile;
    if (!enabled) {
      LOG.infof(
          "kubelet CPU manager check off (%s=false): isocore_node_kubelet_cpu_manager_static is"
              + " not exported",
          KEY);
    }
  }

  /** 1.0 static, 0.0 another policy, NaN unknown (no sample). */
  double value() {
    if (!enabled) {
      return Double.NaN;
    }
    Optional<Boolean> isStatic = node.kubeletCpuManagerStatic();
    if (isStatic.isEmpty()) {
      if (absenceLogged.compareAndSet(false, true)) {
        LOG.warnf(
            "%s is not readable: isocore_node_kubelet_cpu_manager_static is not exported until it"
                + " is (mount the kubelet directory, or set %s=false)",
            stateFile, KEY);
      }
      return Double.NaN;
    }
    return isStatic.get() ? 1.0 : 0.0;
  }
}
