package io.isocore.core.alloc;

import io.isocore.core.cpu.CpuSet;
import io.isocore.core.pod.ContainerRequest;
import io.isocore.core.pod.HugepageRequest;
import io.isocore.core.pod.PodRequest;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Picks cores on one node. Inside a NUMA node: the L3 group with the fewest free cores that still
 * fits the container (best fit, so large groups survive), quietest cores first within it; when no
 * group fits, whole groups largest first and the remainder best fit. Containers are placed largest
 * first; ties in pod order.
 */
final class NodeAllocator {

  private NodeAllocator() {}

  /** A hugepage size that does not fit a NUMA node. */
  record HugepageShortfall(int numaId, long pageSizeBytes, long neededBytes, long freeBytes) {}

  /** Returns the first hugepage size of the pod that does not fit {@code numaId}, or null. */
  static HugepageShortfall hugepageShortfall(NodeState node, int numaId, PodRequest request) {
    for (long size : request.hugepageSizes()) {
      long need = request.hugepageBytes(size);
      long free = node.hugepageFree(numaId, size);
      if (free < need) {
        return new HugepageShortfall(numaId, size, need, Math.max(free, 0));
      }
    }
    return null;
  }

  /** The pod's pinned memory that does not fit a NUMA node. */
  record MemoryShortfall(int numaId, long neededBytes, long freeBytes) {}

  /** Returns the memory shortfall of the pod on {@code numaId}, or null when it fits. */
  static MemoryShortfall memoryShortfall(NodeState node, int numaId, PodRequest request) {
    long need = request.pinnedMemoryBytes();
    long free = node.memoryFree(numaId);
    return need > free ? new MemoryShortfall(numaId, need, free) : null;
  }

  /** Places every exclusive container on NUMA index {@code m}; null when the threads fall short. */
  static PodAllocation onOneNuma(NodeState node, int m, PodRequest request) {
    boolean[] taken = new boolean[node.cores.length];
    Map<String, CpuSet> cpus = new HashMap<>();
    for (ContainerRequest container : largestFirst(node, request)) {
      int[] chosen = pickCores(node, m, node.coresFor(container.exclusiveCpus()), taken);
      CpuSet set = chosen == null ? null : cpusOf(node, chosen, container, taken, new int[] {m});
      if (set == null) {
        return null;
      }
      cpus.put(container.name(), set);
    }
    int numaId = node.numaIds[m];
    Map<Long, Integer> hugepageNuma = new HashMap<>();
    request.hugepageSizes().forEach(size -> hugepageNuma.put(size, numaId));
    return allocation(node, request, numaId, cpus, hugepageNuma);
  }

  /**
   * Places the pod over several NUMA nodes (SingleNodePreferred): each container on one NUMA node
   * where possible, preferring those the pod already uses; otherwise spread, most free first.
   * Returns null when the node lacks the cores or the hugepages.
   */
  static PodAllocation spread(NodeState node, PodRequest request) {
    boolean[] taken = new boolean[node.cores.length];
    Map<String, CpuSet> cpus = new HashMap<>();
    BitSet used = new BitSet();
    int[] allNuma = new int[node.numaIds.length];
    for (int i = 0; i < allNuma.length; i++) {
      allNuma[i] = i;
    }
    for (ContainerRequest container : largestFirst(node, request)) {
      int need = node.coresFor(container.exclusiveCpus());
      List<Integer> chosen = chooseCores(node, need, taken, used);
      if (chosen == null) {
        return null;
      }
      int[] picked = chosen.stream().mapToInt(Integer::intValue).toArray();
      CpuSet set = cpusOf(node, picked, container, taken, allNuma);
      if (set == null) {
        return null;
      }
      for (int c : picked) {
        used.set(node.coreNumaIndex[c]);
      }
      cpus.put(container.name(), set);
    }
    int primary = primaryNuma(node, cpus);
    if (memoryShortfall(node, primary, request) != null) {
      return null;
    }
    Map<Long, Integer> hugepageNuma = new HashMap<>();
    for (long size : request.hugepageSizes()) {
      int numaId = hugepageNuma(node, primary, size, request.hugepageBytes(size));
      if (numaId < 0) {
        return null;
      }
      hugepageNuma.put(size, numaId);
    }
    return allocation(node, request, primary, cpus, hugepageNuma);
  }

  /**
   * One container's cores: on one NUMA node where possible (preferring those the pod uses), else
   * spread over the NUMA nodes with the most free cores first; null when the node lacks them.
   */
  private static List<Integer> chooseCores(NodeState node, int need, boolean[] taken, BitSet used) {
    int single = bestSingle(node, need, taken, used);
    List<Integer> chosen = new ArrayList<>();
    if (single >= 0) {
      for (int c : pickCores(node, single, need, taken)) {
        chosen.add(c);
      }
      return chosen;
    }
    List<Integer> byFree = new ArrayList<>();
    for (int m = 0; m < node.numaIds.length; m++) {
      byFree.add(m);
    }
    byFree.sort(
        Comparator.<Integer>comparingInt(m -> -freeNotTaken(node, m, taken))
            .thenComparingInt(m -> m));
    int remaining = need;
    for (int m : byFree) {
      int take = Math.min(remaining, freeNotTaken(node, m, taken));
      if (take > 0) {
        for (int c : pickCores(node, m, take, taken)) {
          chosen.add(c);
        }
        remaining -= take;
      }
    }
    return remaining > 0 ? null : chosen;
  }

  /** The NUMA node serving one hugepage size: the primary if it can, else the most free; -1. */
  private static int hugepageNuma(NodeState node, int primary, long size, long need) {
    if (node.hugepageFree(primary, size) >= need) {
      return primary;
    }
    int numaId = -1;
    long best = -1;
    for (int id : node.numaIds) {
      long free = node.hugepageFree(id, size);
      if (free >= need && free > best) {
        best = free;
        numaId = id;
      }
    }
    return numaId;
  }

  private static List<ContainerRequest> largestFirst(NodeState node, PodRequest request) {
    List<ContainerRequest> exclusive = new ArrayList<>(request.exclusiveContainers());
    // List.sort is stable: equal sizes keep the pod's order.
    exclusive.sort(Comparator.comparingInt(c -> -node.coresFor(c.exclusiveCpus())));
    return exclusive;
  }

  private static int bestSingle(NodeState node, int need, boolean[] taken, BitSet used) {
    int best = -1;
    int bestFree = Integer.MAX_VALUE;
    boolean bestUsed = false;
    for (int m = 0; m < node.numaIds.length; m++) {
      int free = freeNotTaken(node, m, taken);
      if (free < need) {
        continue;
      }
      boolean isUsed = used.get(m);
      if (best < 0 || (isUsed && !bestUsed) || (isUsed == bestUsed && free < bestFree)) {
        best = m;
        bestFree = free;
        bestUsed = isUsed;
      }
    }
    return best;
  }

  private static int freeNotTaken(NodeState node, int m, boolean[] taken) {
    int free = 0;
    for (int c : node.numaCoreOrder[m]) {
      if (node.isFree(c) && !taken[c]) {
        free++;
      }
    }
    return free;
  }

  private static int primaryNuma(NodeState node, Map<String, CpuSet> cpus) {
    int[] count = new int[node.numaIds.length];
    cpus.values()
        .forEach(set -> set.forEach(cpu -> count[node.coreNumaIndex[node.coreOfCpu[cpu]]]++));
    int best = 0;
    for (int m = 1; m < count.length; m++) {
      if (count[m] > count[best]) {
        best = m;
      }
    }
    return node.numaIds[best];
  }

  /**
   * Picks {@code k} free cores on NUMA index {@code m} and marks them taken, or returns null when
   * fewer are free.
   */
  static int[] pickCores(NodeState node, int m, int k, boolean[] taken) {
    List<List<Integer>> groups = new ArrayList<>();
    int lastL3 = Integer.MIN_VALUE;
    int total = 0;
    for (int c : node.numaCoreOrder[m]) {
      if (node.coreL3[c] != lastL3 || groups.isEmpty()) {
        groups.add(new ArrayList<>());
        lastL3 = node.coreL3[c];
      }
      if (node.isFree(c) && !taken[c]) {
        groups.getLast().add(c);
        total++;
      }
    }
    if (total < k) {
      return null;
    }
    int[] chosen = new int[k];
    int filled = 0;
    boolean[] groupDone = new boolean[groups.size()];
    while (filled < k) {
      int remaining = k - filled;
      int fit = -1;
      int largest = -1;
      for (int g = 0; g < groups.size(); g++) {
        int size = groups.get(g).size();
        if (groupDone[g] || size == 0) {
          continue;
        }
        if (size >= remaining && (fit < 0 || size < groups.get(fit).size())) {
          fit = g;
        }
        if (largest < 0 || size > groups.get(largest).size()) {
          largest = g;
        }
      }
      int g = fit >= 0 ? fit : largest;
      List<Integer> group = groups.get(g);
      int take = Math.min(remaining, group.size());
      for (int i = 0; i < take; i++) {
        chosen[filled++] = group.get(i);
      }
      groupDone[g] = true;
    }
    for (int c : chosen) {
      taken[c] = true;
    }
    return chosen;
  }

  /**
   * The CPUs a container gets from its cores: all siblings (FullCores, the last core possibly
   * partly) or the lowest sibling of each (IdleSiblings). Under FullCores a core with fewer
   * siblings than the node's most (an offline sibling, a hybrid E-core) may leave the container
   * short; further free cores of the given NUMA nodes are then added. Null when none are left.
   */
  private static CpuSet cpusOf(
      NodeState node, int[] chosen, ContainerRequest container, boolean[] taken, int[] numas) {
    int want = container.exclusiveCpus();
    BitSet bits = new BitSet();
    if (node.inventory.smtPolicy() == SmtPolicy.IDLE_SIBLINGS) {
      for (int c : chosen) {
        bits.set(node.cores[c].id());
      }
      return CpuSet.fromBitSet(bits);
    }
    List<Integer> cores = new ArrayList<>();
    for (int c : chosen) {
      cores.add(c);
    }
    int have = 0;
    for (int c : chosen) {
      have += node.cores[c].cpus().size();
    }
    for (int m : numas) {
      for (int c : node.numaCoreOrder[m]) {
        if (have >= want) {
          break;
        }
        if (node.isFree(c) && !taken[c]) {
          taken[c] = true;
          cores.add(c);
          have += node.cores[c].cpus().size();
        }
      }
    }
    if (have < want) {
      return null;
    }
    int added = 0;
    for (int c : cores) {
      for (int cpu : node.cores[c].cpus().toList()) {
        if (added < want) {
          bits.set(cpu);
          added++;
        }
      }
    }
    return CpuSet.fromBitSet(bits);
  }

  private static PodAllocation allocation(
      NodeState node,
      PodRequest request,
      int numaId,
      Map<String, CpuSet> cpus,
      Map<Long, Integer> hugepageNuma) {
    List<ContainerGrant> grants = new ArrayList<>();
    for (ContainerRequest container : request.containers()) {
      List<HugepageGrant> hugepages = new ArrayList<>();
      for (HugepageRequest h : container.hugepages()) {
        hugepages.add(
            new HugepageGrant(h.pageSizeBytes(), h.bytes(), hugepageNuma.get(h.pageSizeBytes())));
      }
      grants.add(
          new ContainerGrant(
              container.name(), cpus.getOrDefault(container.name(), CpuSet.empty()), hugepages));
    }
    return new PodAllocation(
        request.key(),
        request.uid(),
        node.name,
        numaId,
        request.tenant(),
        grants,
        idleSiblings(node, cpus.values()),
        request.pinnedMemoryBytes());
  }

  /** The siblings of the cores the containers run on that no container runs on: held idle. */
  private static CpuSet idleSiblings(NodeState node, Iterable<CpuSet> containerCpus) {
    CpuSet running = CpuSet.empty();
    for (CpuSet set : containerCpus) {
      running = running.union(set);
    }
    BitSet cores = new BitSet();
    running.forEach(cpu -> cores.set(node.coreOfCpu[cpu]));
    CpuSet touched = CpuSet.empty();
    for (int c = cores.nextSetBit(0); c >= 0; c = cores.nextSetBit(c + 1)) {
      touched = touched.union(node.cores[c].cpus());
    }
    return touched.minus(running);
  }
}
