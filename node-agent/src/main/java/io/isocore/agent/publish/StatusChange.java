package io.isocore.agent.publish;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.isocore.api.v1alpha1.NodeTopologyStatus;
import io.isocore.api.v1alpha1.NumaNodeInfo;
import java.util.List;
import java.util.Objects;

/**
 * Decides whether a new NodeTopology status differs from the published one enough to write it.
 * Timestamps never count ({@code lastRefreshTime}, conditions' {@code lastTransitionTime}); a
 * node's {@code memoryFreeBytes} counts only when it moved by at least 1 GiB, since it changes on
 * every read and would otherwise cause a write on every refresh. Pure.
 */
public final class StatusChange {

  /** Changes of free memory below this are not worth a write. */
  public static final long MEMORY_FREE_STEP_BYTES = 1L << 30;

  private StatusChange() {}

  /** Returns whether {@code next} should be written over {@code current}. */
  public static boolean changed(NodeTopologyStatus current, NodeTopologyStatus next) {
    if (current == null) {
      return true;
    }
    if (!Objects.equals(withoutVolatile(current), withoutVolatile(next))) {
      return true;
    }
    List<NumaNodeInfo> a = current.numaNodes();
    List<NumaNodeInfo> b = next.numaNodes();
    for (int i = 0; a != null && i < a.size(); i++) {
      long before = a.get(i).memoryFreeBytes() == null ? 0 : a.get(i).memoryFreeBytes();
      long after = b.get(i).memoryFreeBytes() == null ? 0 : b.get(i).memoryFreeBytes();
      if (Math.abs(after - before) >= MEMORY_FREE_STEP_BYTES) {
        return true;
      }
    }
    return false;
  }

  static NodeTopologyStatus withoutVolatile(NodeTopologyStatus s) {
    return new NodeTopologyStatus(
        s.sockets(),
        s.numaNodes() == null
            ? null
            : s.numaNodes().stream()
                .map(
                    n ->
                        new NumaNodeInfo(
                            n.id(),
                            n.cpus(),
                            n.memoryTotalBytes(),
                            null,
                            n.distances(),
                            n.hugepages()))
                .toList(),
        s.cores(),
        s.cpus(),
        s.l3Groups(),
        s.cpusOnline(),
        s.cpusOffline(),
        s.isolation(),
        s.nics(),
        s.cgroup(),
        s.environment(),
        s.cpuHealth(),
        null,
        s.conditions() == null
            ? null
            : s.conditions().stream()
                .map(c -> new ConditionBuilder(c).withLastTransitionTime(null).build())
                .toList(),
        s.profile());
  }
}
