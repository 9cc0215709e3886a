package io.isocore.core.enforce;

import io.isocore.core.cpu.CpuSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The node agent's own container cpuset on cgroup v2, where the jitter probe thread cannot leave
 * its container's cpuset: the agent's container cgroup gets the shared pool plus the CPUs the probe
 * will measure (the profile's isolated CPUs that no allocation holds, exclusive or idle sibling),
 * and so do its ancestors up to the enforced subtree's root (on v2 a cgroup's effective CPUs are
 * its own within its parent's). No other cgroup gets them: every other leaf keeps the shared pool
 * and every other inner cgroup the union of its children. The agent keeps its other threads off
 * these CPUs by affinity.
 *
 * <p>The enforcement plan is computed without them ({@link #observed}: the enforcer sees the
 * agent's chain without these CPUs, so a matching node still means zero writes) and every write to
 * the chain carries them ({@link #written}); {@link #topUp} adds them where a pass wrote nothing.
 * Pure.
 *
 * @param root the enforced subtree's root ({@code kubepods} or {@code kubepods.slice})
 * @param cgroup the agent's own container cgroup, relative to the hierarchy root, below {@code
 *     root}
 * @param extra the CPUs added to the agent's chain; empty: none (cgroup v1, the probe off, the
 *     agent outside the subtree)
 */
public record AgentCpuset(String root, String cgroup, CpuSet extra) {

  /** Validates. */
  public AgentCpuset {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(cgroup, "cgroup");
    Objects.requireNonNull(extra, "extra");
  }

  /** Nothing added anywhere. */
  public static AgentCpuset none() {
    return new AgentCpuset("", "", CpuSet.empty());
  }

  /**
   * The CPUs the probe will measure, which the agent's own cpuset needs on cgroup v2.
   *
   * @param v2 whether enforcement writes a cgroup v2 hierarchy (on v1 the probe thread uses its own
   *     cgroup and nothing is added)
   * @param probing whether the probe runs and the profile enables it
   * @param isolated the profile's isolated CPUs on this node
   * @param held the CPUs allocations hold: exclusive CPUs and idle siblings
   * @param shared the shared pool (already in the agent's cpuset)
   */
  public static CpuSet probeCpus(
      boolean v2, boolean probing, CpuSet isolated, CpuSet held, CpuSet shared) {
    if (!v2 || !probing) {
      return CpuSet.empty();
    }
    return isolated.minus(held).minus(shared);
  }

  /** Returns whether {@code path} is the agent's cgroup or one of its ancestors under the root. */
  public boolean widens(String path) {
    if (extra.isEmpty() || cgroup.isEmpty()) {
      return false;
    }
    boolean under = path.equals(root) || path.startsWith(root + "/");
    return under && (path.equals(cgroup) || cgroup.startsWith(path + "/"));
  }

  /** The value the enforcer plans with: the kernel's {@code actual} minus the added CPUs. */
  public CpuSet observed(String path, CpuSet actual) {
    return widens(path) ? actual.minus(extra) : actual;
  }

  /** The value written for a planned {@code value}: the added CPUs on the agent's chain. */
  public CpuSet written(String path, CpuSet value) {
    return widens(path) ? value.union(extra) : value;
  }

  /** The chain from the root down to the agent's cgroup, parents first; empty when outside. */
  public List<String> chain() {
    if (cgroup.isEmpty() || !(cgroup.equals(root) || cgroup.startsWith(root + "/"))) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    out.add(root);
    String rest = cgroup.substring(root.length());
    StringBuilder path = new StringBuilder(root);
    for (String part : rest.split("/")) {
      if (!part.isEmpty()) {
        path.append('/').append(part);
        out.add(path.toString());
      }
    }
    return out;
  }

  /**
   * The writes that add the CPUs where the chain lacks some, parents first (a child's CPUs are
   * effective only within its parent's), given each chain cgroup's current {@code cpuset.cpus}.
   * Empty when every one already has them. An empty {@code cpuset.cpus} (v2: the parent's CPUs) is
   * left empty: it already follows its parent.
   */
  public Map<String, CpuSet> topUp(Map<String, CpuSet> current) {
    Map<String, CpuSet> writes = new LinkedHashMap<>();
    if (extra.isEmpty()) {
      return writes;
    }
    for (String path : chain()) {
      CpuSet now = current.get(path);
      if (now != null && !now.isEmpty() && !now.containsAll(extra)) {
        writes.put(path, now.union(extra));
      }
    }
    return writes;
  }
}
