package io.isocore.core.alloc;

import io.isocore.core.topology.Topology;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Canonical instances of the immutable, hardware-only parts of topologies (cores, CPUs, L3 groups,
 * sockets) and their {@link CoreLayout}: nodes of the same hardware share one copy. NUMA nodes are
 * not shared, since they carry each node's free memory and hugepages. Entries are never evicted:
 * there are as many as distinct hardware layouts in the cluster.
 */
final class LayoutCache {

  private final Map<List<?>, List<?>> lists = new HashMap<>();
  private final Map<List<?>, CoreLayout> layouts = new HashMap<>();

  /** Returns an equal topology whose hardware lists are the shared instances. */
  Topology canonical(Topology topology) {
    return new Topology(
        intern(topology.sockets()),
        topology.numaNodes(),
        intern(topology.cores()),
        intern(topology.cpus()),
        intern(topology.l3Groups()),
        topology.online(),
        topology.offline());
  }

  /** Returns the layout of a canonical topology's cores. */
  CoreLayout layout(Topology canonical) {
    return layouts.computeIfAbsent(canonical.cores(), cores -> new CoreLayout(canonical.cores()));
  }

  @SuppressWarnings("unchecked")
  private <T> List<T> intern(List<T> list) {
    return (List<T>) lists.computeIfAbsent(list, l -> l);
  }
}
