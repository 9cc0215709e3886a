package io.isocore.core.alloc;

import io.isocore.core.cpu.CpuSet;
import io.isocore.core.pod.ContainerRequest;
import io.isocore.core.pod.PodKey;
import io.isocore.core.pod.PodRequest;
import io.isocore.core.topology.Core;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One node's cores and who holds them. Ownership is kept per CPU and does not depend on the
 * topology, so allocations adopted before the node's topology is known still block their CPUs.
 * Arrays instead of collections keep the per-node heap small.
 */
final class NodeState {

  /** One NUMA node of this node, as the free-core index sees it. */
  static final class Slot {
    final NodeState node;
    final int numaIndex;
    final int numaId;
    int free;

    Slot(NodeState node, int numaIndex, int numaId) {
      this.node = node;
      this.numaIndex = numaIndex;
      this.numaId = numaId;
    }
  }

  static final Comparator<Slot> SLOT_ORDER =
      Comparator.comparing((Slot s) -> s.node.name).thenComparingInt(s -> s.numaId);

  final String name;
  NodeInventory inventory;
  Core[] cores = new Core[0];
  int[] coreOfCpu = new int[0];
  boolean[] usable = new boolean[0];
  int[] coreNumaIndex = new int[0];
  int[] coreL3 = new int[0];
  int[] numaIds = new int[0];

  /** Per NUMA index: its core indices ordered by L3 group, then quietest, then id. */
  int[][] numaCoreOrder = new int[0][];

  int[] busyCpus = new int[0];
  Slot[] slots = new Slot[0];
  int threadsPerCore = 1;
  int usableCount;

  PodAllocation[] ownerByCpu = new PodAllocation[0];
  final TreeSet<PodKey> pods = new TreeSet<>();
  private final Map<Long, Long> hugepageUsed = new HashMap<>(4);
  private final Map<Integer, Long> memoryUsed = new HashMap<>(2);
  private Map<Integer, Long> memoryCapacity = Map.of();

  NodeState(String name) {
    this.name = name;
  }

  boolean hasTopology() {
    return inventory != null;
  }

  /** Rebuilds everything the topology decides; ownership is kept. */
  void setInventory(NodeInventory inv, CoreLayout layout) {
    this.inventory = inv;
    Map<Integer, Long> capacity = new HashMap<>();
    inv.topology().numaNodes().forEach(n -> capacity.put(n.id(), NumaMemory.capacity(n)));
    memoryCapacity = capacity;
    cores = layout.cores;
    coreOfCpu = layout.coreOfCpu;
    coreNumaIndex = layout.coreNumaIndex;
    coreL3 = layout.coreL3;
    numaIds = layout.numaIds;
    threadsPerCore = layout.threadsPerCore;
    usable = new boolean[cores.length];
    busyCpus = new int[cores.length];
    long[] coreJitter = new long[cores.length];
    usableCount = 0;
    for (int c = 0; c < cores.length; c++) {
      usable[c] = usable(inv, cores[c]);
      usableCount += usable[c] ? 1 : 0;
      coreJitter[c] = jitter(inv, cores[c]);
    }
    List<List<Integer>> perNuma = new ArrayList<>();
    for (int i = 0; i < numaIds.length; i++) {
      perNuma.add(new ArrayList<>());
    }
    for (int c = 0; c < cores.length; c++) {
      perNuma.get(coreNumaIndex[c]).add(c);
    }
    Comparator<Integer> order =
        Comparator.<Integer>comparingInt(c -> coreL3[c])
            .thenComparingLong(c -> coreJitter[c] < 0 ? Long.MAX_VALUE : coreJitter[c])
            .thenComparingInt(c -> cores[c].id());
    numaCoreOrder = new int[numaIds.length][];
    for (int i = 0; i < numaIds.length; i++) {
      numaCoreOrder[i] =
          perNuma.get(i).stream().sorted(order).mapToInt(Integer::intValue).toArray();
    }
    for (int cpu = 0; cpu < ownerByCpu.length; cpu++) {
      if (ownerByCpu[cpu] != null && cpu < coreOfCpu.length && coreOfCpu[cpu] >= 0) {
        busyCpus[coreOfCpu[cpu]]++;
      }
    }
    // A NUMA id below 0 means the kernel did not say (e.g. CPUs of an offline node): such cores are
    // never usable and get no slot, since NUMA locality cannot be promised on them.
    List<Slot> list = new ArrayList<>();
    for (int i = 0; i < numaIds.length; i++) {
      if (numaIds[i] >= 0) {
        Slot slot = new Slot(this, i, numaIds[i]);
        slot.free = countFree(i);
        list.add(slot);
      }
    }
    slots = list.toArray(new Slot[0]);
  }

  void clearInventory() {
    inventory = null;
    memoryCapacity = Map.of();
    cores = new Core[0];
    coreOfCpu = new int[0];
    usable = new boolean[0];
    busyCpus = new int[0];
    slots = new Slot[0];
    numaIds = new int[0];
    numaCoreOrder = new int[0][];
    usableCount = 0;
  }

  private static boolean usable(NodeInventory inv, Core core) {
    CpuSet cpus = core.cpus();
    if (core.numaNode() < 0) {
      return false;
    }
    if (!inv.isolated().containsAll(cpus) || cpus.intersects(inv.reserved())) {
      return false;
    }
    for (int cpu = cpus.first(); cpu >= 0 && cpu <= cpus.last(); cpu++) {
      if (cpus.contains(cpu) && inv.quarantined(cpu)) {
        return false;
      }
    }
    return true;
  }

  /** The loudest sibling's jitter, or -1 when no sibling was measured. */
  private static long jitter(NodeInventory inv, Core core) {
    long max = -1;
    for (int cpu : core.cpus().toList()) {
      max = Math.max(max, inv.jitter().maxNanos(cpu));
    }
    return max;
  }

  int countFree(int numaIndex) {
    int free = 0;
    for (int c : numaCoreOrder[numaIndex]) {
      if (isFree(c)) {
        free++;
      }
    }
    return free;
  }

  boolean isFree(int core) {
    return usable[core] && busyCpus[core] == 0;
  }

  int totalFree() {
    int free = 0;
    for (Slot slot : slots) {
      free += slot.free;
    }
    return free;
  }

  PodAllocation owner(int cpu) {
    return cpu >= 0 && cpu < ownerByCpu.length ? ownerByCpu[cpu] : null;
  }

  /** Cores one container needs on this node under its SMT policy. */
  int coresFor(int cpus) {
    return inventory.smtPolicy() == SmtPolicy.FULL_CORES
        ? (cpus + threadsPerCore - 1) / threadsPerCore
        : cpus;
  }

  int coresFor(PodRequest request) {
    int need = 0;
    for (ContainerRequest container : request.containers()) {
      need += coresFor(container.exclusiveCpus());
    }
    return need;
  }

  /** Physical cores touched by {@code cpus}; CPUs outside the topology count one each. */
  int coresOf(CpuSet cpus) {
    TreeSet<Integer> seen = new TreeSet<>();
    cpus.forEach(
        cpu -> seen.add(cpu < coreOfCpu.length && coreOfCpu[cpu] >= 0 ? coreOfCpu[cpu] : -1 - cpu));
    return seen.size();
  }

  long hugepageFree(int numaId, long size) {
    long capacity = inventory == null ? 0 : inventory.hugepageCapacityBytes(numaId, size);
    return capacity - hugepageUsed.getOrDefault(key(numaId, size), 0L);
  }

  /**
   * Ordinary memory of a NUMA node not yet counted to a pod ({@link NumaMemory#UNKNOWN} when the
   * node's memory is unknown; 0 for an unknown NUMA node or one over-committed by a rebuild).
   */
  long memoryFree(int numaId) {
    long capacity = memoryCapacity.getOrDefault(numaId, 0L);
    if (capacity == NumaMemory.UNKNOWN) {
      return capacity;
    }
    return Math.max(0, capacity - memoryUsed.getOrDefault(numaId, 0L));
  }

  /** Ordinary memory of a NUMA node, counted or not ({@link NumaMemory#UNKNOWN}, or 0). */
  long memoryCapacity(int numaId) {
    return memoryCapacity.getOrDefault(numaId, 0L);
  }

  /** Memory counted to pods on a NUMA node. */
  long memoryUsed(int numaId) {
    return memoryUsed.getOrDefault(numaId, 0L);
  }

  /**
   * Records the CPUs (idle siblings included) and hugepages of {@code allocation}; the caller
   * checked for conflicts.
   */
  void add(PodAllocation allocation) {
    int last = allocation.heldCpus().last();
    if (last >= ownerByCpu.length) {
      ownerByCpu = Arrays.copyOf(ownerByCpu, Math.max(last + 1, coreOfCpu.length));
    }
    allocation
        .heldCpus()
        .forEach(
            cpu -> {
              ownerByCpu[cpu] = allocation;
              if (cpu < coreOfCpu.length && coreOfCpu[cpu] >= 0) {
                busyCpus[coreOfCpu[cpu]]++;
              }
            });
    for (HugepageGrant grant : allocation.hugepages()) {
      hugepageUsed.merge(key(grant.numaNode(), grant.pageSizeBytes()), grant.bytes(), Long::sum);
    }
    if (allocation.memoryBytes() > 0) {
      memoryUsed.merge(allocation.numaNode(), allocation.memoryBytes(), Long::sum);
    }
    pods.add(allocation.pod());
  }

  void remove(PodAllocation allocation) {
    allocation
        .heldCpus()
        .forEach(
            cpu -> {
              ownerByCpu[cpu] = null;
              if (cpu < coreOfCpu.length && coreOfCpu[cpu] >= 0) {
                busyCpus[coreOfCpu[cpu]]--;
              }
            });
    for (HugepageGrant grant : allocation.hugepages()) {
      hugepageUsed.merge(key(grant.numaNode(), grant.pageSizeBytes()), -grant.bytes(), Long::sum);
    }
    if (allocation.memoryBytes() > 0) {
      memoryUsed.merge(allocation.numaNode(), -allocation.memoryBytes(), Long::sum);
    }
    pods.remove(allocation.pod());
  }

  private static long key(int numaId, long size) {
    return ((long) numaId << 48) ^ size;
  }
}
