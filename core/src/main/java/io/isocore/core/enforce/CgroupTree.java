package io.isocore.core.enforce;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A snapshot of one cpuset subtree (normally kubepods): each cgroup's path and cpuset files.
 *
 * <p>Paths are relative to the hierarchy root and use {@code /}, such as {@code
 * kubepods.slice/kubepods-burstable.slice}. The root's own parent is not part of the tree; it is
 * assumed to hold every online CPU (the root cgroup of the hierarchy always does).
 */
public final class CgroupTree {

  private final String root;
  private final Map<String, CpusetValue> values;
  private final Map<String, List<String>> children;

  private CgroupTree(String root, Map<String, CpusetValue> values) {
    this.root = root;
    this.values = values;
    Map<String, List<String>> kids = new HashMap<>();
    for (String path : values.keySet()) {
      if (!path.equals(root)) {
        kids.computeIfAbsent(parentOf(path), p -> new ArrayList<>()).add(path);
      }
    }
    kids.values().forEach(Collections::sort);
    this.children = kids;
  }

  /**
   * Returns a tree of {@code values}; every path must be {@code root} or below it, and every path's
   * parent must be in the map.
   *
   * @throws IllegalArgumentException naming the first path that breaks the rule
   */
  public static CgroupTree of(String root, Map<String, CpusetValue> values) {
    Objects.requireNonNull(root, "root");
    if (!values.containsKey(root)) {
      throw new IllegalArgumentException("the tree has no root cgroup " + root);
    }
    Map<String, CpusetValue> copy = new TreeMap<>(values);
    for (String path : copy.keySet()) {
      if (!path.equals(root) && !copy.containsKey(parentOf(path))) {
        throw new IllegalArgumentException(
            "cgroup " + path + " has no parent in the tree rooted at " + root);
      }
    }
    return new CgroupTree(root, Collections.unmodifiableMap(copy));
  }

  /** Returns the parent path of {@code path}, or "" for a top-level path. */
  public static String parentOf(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  /** Returns the root path. */
  public String root() {
    return root;
  }

  /** Returns the value of {@code path}, if it is in the tree. */
  public Optional<CpusetValue> value(String path) {
    return Optional.ofNullable(values.get(path));
  }

  /** Returns whether {@code path} is in the tree. */
  public boolean contains(String path) {
    return values.containsKey(path);
  }

  /** Returns the children of {@code path}, sorted. */
  public List<String> children(String path) {
    return children.getOrDefault(path, List.of());
  }

  /** Returns the number of cgroups. */
  public int size() {
    return values.size();
  }

  /** Returns every path, parents before children. */
  public List<String> preOrder() {
    List<String> out = new ArrayList<>(values.size());
    walk(root, out, true);
    return out;
  }

  /** Returns every path, children before parents. */
  public List<String> postOrder() {
    List<String> out = new ArrayList<>(values.size());
    walk(root, out, false);
    return out;
  }

  private void walk(String path, List<String> out, boolean pre) {
    // Iterative to survive deep trees; ordering is the same as the recursive walk.
    record Frame(String path, boolean expanded) {}
    List<Frame> stack = new ArrayList<>();
    stack.add(new Frame(path, false));
    while (!stack.isEmpty()) {
      Frame frame = stack.removeLast();
      if (frame.expanded) {
        out.add(frame.path);
        continue;
      }
      if (pre) {
        out.add(frame.path);
      } else {
        stack.add(new Frame(frame.path, true));
      }
      List<String> kids = children(frame.path);
      for (int i = kids.size() - 1; i >= 0; i--) {
        stack.add(new Frame(kids.get(i), false));
      }
    }
  }

  /** Returns the values, keyed by path. */
  public Map<String, CpusetValue> values() {
    return values;
  }

  /** Returns a copy of this tree with {@code path} set to {@code value}, parents kept. */
  public CgroupTree with(String path, CpusetValue value) {
    Map<String, CpusetValue> copy = new LinkedHashMap<>(values);
    copy.put(path, value);
    return of(root, copy);
  }
}
