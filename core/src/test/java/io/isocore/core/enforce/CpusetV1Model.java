package io.isocore.core.enforce;

import io.isocore.core.cpu.CpuSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The cgroup v1 cpuset rules a plan must respect, as the kernel's {@code validate_change} checks
 * them: a cgroup's cpus and mems are a subset of its parent's, and contain every child's.
 */
final class CpusetV1Model {

  private final CgroupTree shape;
  private final CpusetValue top;
  private final Map<String, CpusetValue> state;

  CpusetV1Model(CgroupTree tree, CpusetValue top) {
    this.shape = tree;
    this.top = top;
    this.state = new HashMap<>(tree.values());
  }

  void apply(List<CgroupWrite> writes) {
    writes.forEach(this::apply);
  }

  void apply(CgroupWrite write) {
    String path = write.cgroup();
    CpuSet value = write.value();
    CpuSet parent =
        path.equals(shape.root())
            ? top.get(write.file())
            : state.get(CgroupTree.parentOf(path)).get(write.file());
    if (!parent.containsAll(value)) {
      throw new AssertionError(write + " is not a subset of the parent's " + parent);
    }
    for (String child : shape.children(path)) {
      CpuSet childValue = state.get(child).get(write.file());
      if (!value.containsAll(childValue)) {
        throw new AssertionError(write + " drops child " + child + "'s " + childValue);
      }
    }
    if (value.isEmpty()) {
      throw new AssertionError(write + " empties a cpuset");
    }
    state.put(path, state.get(path).with(write.file(), value));
  }

  Map<String, CpusetValue> state() {
    return state;
  }
}
