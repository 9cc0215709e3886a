package io.isocore.agent.enforce;

import io.isocore.agent.enforce.AllocationVerifier.Located;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.enforce.CgroupTree;
import io.isocore.core.enforce.CpusetValue;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Containers the start hook pinned before the pod status names them. A restarted exclusive
 * container has a new ID that the pod status shows only later; until then a pass would take its
 * cgroup for an unknown leaf and give it the shared pool. The hook records each exclusive container
 * it pins ({@code <pins>/<pod UID>/.started/<cgroup name>} = the CPUs it wrote), and the enforcer
 * keeps such a cgroup at that value while it is not located otherwise, under its pod's cgroup and
 * still holding exactly what the hook wrote (anything else rewrote it: then the usual rule
 * applies).
 */
public final class HookStarts {

  /** The hook's records of one pod: cgroup name to the CPUs it wrote. */
  @FunctionalInterface
  public interface Source {
    /** Returns the records for {@code podUid}; empty when none. */
    Map<String, CpuSet> started(String podUid);
  }

  private HookStarts() {}

  /** No records (no hook on the node). */
  public static Source none() {
    return uid -> Map.of();
  }

  /** Reads the records below the pin directory {@code pins}. */
  public static Source of(Path pins) {
    return uid -> {
      Map<String, CpuSet> started = new HashMap<>();
      Path dir = pins.resolve(uid).resolve(".started");
      if (!Files.isDirectory(dir)) {
        return started;
      }
      try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
        for (Path f : files) {
          if (f.getFileName().toString().startsWith(".")) {
            continue; // a record being written
          }
          try {
            started.put(f.getFileName().toString(), CpuSet.parse(Files.readString(f).strip()));
          } catch (IOException | IllegalArgumentException e) {
            // Being replaced, or not a record: not kept.
          }
        }
      } catch (IOException e) {
        return Map.of();
      }
      return started;
    };
  }

  /**
   * The cgroups to keep at the hook's value: leaves of {@code tree} below the allocation's pod
   * cgroup, not located, recorded by the hook, whose current CPUs are what it wrote and include
   * some of the allocation's exclusive CPUs.
   */
  static Map<String, CpusetValue> pins(
      CgroupTree tree,
      List<DesiredAllocation> allocations,
      Map<String, List<Located>> located,
      Set<String> rejected,
      Source source) {
    Set<String> known =
        located.values().stream()
            .flatMap(List::stream)
            .map(Located::cgroup)
            .collect(Collectors.toSet());
    Map<String, CpusetValue> pins = new HashMap<>();
    for (DesiredAllocation a : allocations) {
      CpuSet exclusive = a.exclusiveCpus();
      if (exclusive.isEmpty() || rejected.contains(a.key())) {
        continue;
      }
      Map<String, CpuSet> started = source.started(a.podUid());
      if (started.isEmpty()) {
        continue;
      }
      String cgroupfs = "pod" + a.podUid();
      String systemd = "pod" + a.podUid().replace('-', '_') + ".slice";
      for (Map.Entry<String, CpusetValue> e : tree.values().entrySet()) {
        String path = e.getKey();
        String parent = CgroupTree.parentOf(path);
        String name = path.substring(path.lastIndexOf('/') + 1);
        boolean underPod =
            parent.endsWith("/" + cgroupfs) || parent.endsWith(systemd) || parent.equals(cgroupfs);
        CpuSet wrote = started.get(name);
        if (underPod
            && wrote != null
            && !known.contains(path)
            && tree.children(path).isEmpty()
            && e.getValue().cpus().equals(wrote)
            && wrote.intersects(exclusive)) {
          pins.put(path, e.getValue());
        }
      }
    }
    return pins;
  }
}
