package io.isocore.agent.cgroup;

import io.isocore.core.enforce.CgroupTree;
import io.isocore.core.enforce.CpusetValue;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/** Reads a cpuset subtree into a {@link CgroupTree}. */
public final class CgroupTreeScanner {

  private final CpusetCgroups cgroups;

  /** Creates a scanner over {@code cgroups}. */
  public CgroupTreeScanner(CpusetCgroups cgroups) {
    this.cgroups = cgroups;
  }

  /**
   * Reads {@code cpuset.cpus} and {@code cpuset.mems} of {@code top} and every cgroup below it. A
   * cgroup removed while the scan runs (a container exiting) is left out with its subtree.
   *
   * @throws CgroupAccessException when {@code top} itself cannot be read, or another file fails for
   *     a reason other than the cgroup being gone
   */
  public CgroupTree scan(String top) throws CgroupAccessException {
    Map<String, CpusetValue> values = new HashMap<>();
    Deque<String> todo = new ArrayDeque<>();
    todo.push(top);
    while (!todo.isEmpty()) {
      String path = todo.pop();
      try {
        values.put(path, new CpusetValue(cgroups.cpus(path), cgroups.mems(path)));
        for (String child : cgroups.children(path)) {
          todo.push(child);
        }
      } catch (CgroupAccessException e) {
        if (!e.vanished() || path.equals(top)) {
          throw e;
        }
        values.remove(path);
      }
    }
    return CgroupTree.of(top, values);
  }
}
