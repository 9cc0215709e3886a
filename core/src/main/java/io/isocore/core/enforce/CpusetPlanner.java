package io.isocore.core.enforce;

import io.isocore.core.cpu.CpuSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes the cpuset every cgroup of a subtree should hold and the order of writes to get there.
 *
 * <p>Desired values: a pinned cgroup (an exclusive container, or a container left as it is) and
 * everything below it gets its pinned value; any other leaf gets the shared pool; any other inner
 * cgroup gets the union of its children, so parents hold exactly what their children need.
 *
 * <p>Order: cgroup v1 refuses a child cpuset that is not a subset of its parent's, and a parent
 * cpuset that no longer contains a child's. The plan therefore first widens, parents before
 * children, every file whose desired value is not already a subset of the current one (writing
 * current ∪ desired), then narrows, children before parents, every file still not at its desired
 * value. Each intermediate state satisfies the v1 rule, for {@code cpuset.cpus} and {@code
 * cpuset.mems} alike, and a new cgroup (empty files) gets both files set in the widening pass,
 * before anything else is done to it. No write is planned for a file already at its desired value,
 * so a tree that matches yields an empty plan.
 */
public final class CpusetPlanner {

  private CpusetPlanner() {}

  /**
   * Plans the writes that bring {@code observed} to the desired state.
   *
   * @param observed the current subtree
   * @param pinned cgroups whose value is fixed, with their subtrees (paths not in the tree are
   *     ignored)
   * @param shared the value of every other leaf: the shared pool and the node's memory nodes
   * @return the desired value per cgroup and the ordered writes
   * @throws IllegalArgumentException when a desired value would leave a cgroup with no CPU or no
   *     memory node, which the kernel refuses for a cgroup with tasks
   */
  public static CpusetPlan plan(
      CgroupTree observed, Map<String, CpusetValue> pinned, CpusetValue shared) {
    Map<String, CpusetValue> desired = desired(observed, pinned, shared);
    List<CgroupWrite> writes = new ArrayList<>();
    Map<String, CpusetValue> current = new HashMap<>(observed.values());
    for (String path : observed.preOrder()) {
      CpusetValue want = desired.get(path);
      for (CpusetFile file : CpusetFile.values()) {
        CpuSet now = current.get(path).get(file);
        if (!now.containsAll(want.get(file))) {
          CpuSet widened = now.union(want.get(file));
          writes.add(new CgroupWrite(path, file, widened));
          current.put(path, current.get(path).with(file, widened));
        }
      }
    }
    for (String path : observed.postOrder()) {
      CpusetValue want = desired.get(path);
      for (CpusetFile file : CpusetFile.values()) {
        if (!current.get(path).get(file).equals(want.get(file))) {
          writes.add(new CgroupWrite(path, file, want.get(file)));
          current.put(path, current.get(path).with(file, want.get(file)));
        }
      }
    }
    return new CpusetPlan(desired, writes);
  }

  private static Map<String, CpusetValue> desired(
      CgroupTree observed, Map<String, CpusetValue> pinned, CpusetValue shared) {
    Map<String, CpusetValue> desired = new HashMap<>();
    // Pre-order pass: inherit pins downwards.
    Map<String, CpusetValue> pinOf = new HashMap<>();
    for (String path : observed.preOrder()) {
      CpusetValue own = pinned.get(path);
      CpusetValue inherited = own != null ? own : pinOf.get(CgroupTree.parentOf(path));
      if (inherited != null) {
        pinOf.put(path, inherited);
      }
    }
    for (String path : observed.postOrder()) {
      CpusetValue value = pinOf.get(path);
      if (value == null) {
        List<String> kids = observed.children(path);
        if (kids.isEmpty()) {
          value = shared;
        } else {
          value = new CpusetValue(CpuSet.empty(), CpuSet.empty());
          for (String kid : kids) {
            value = value.union(desired.get(kid));
          }
        }
      }
      if (value.cpus().isEmpty() || value.mems().isEmpty()) {
        throw new IllegalArgumentException(
            "cgroup " + path + " would get an empty cpuset (" + value + ")");
      }
      desired.put(path, value);
    }
    return desired;
  }
}
