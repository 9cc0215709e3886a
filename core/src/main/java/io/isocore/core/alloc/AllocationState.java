package io.isocore.core.alloc;

import io.isocore.core.alloc.NodeState.Slot;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.pod.PodKey;
import io.isocore.core.pod.PodRequest;
import io.isocore.core.topology.Topology;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The cluster's isolated cores and who holds them: the single writer's in-memory cache. Rebuilt
 * from the CoreAllocations at start ({@link #rebuild}), then kept current with {@link #adopt} and
 * {@link #release}. Plans are pure reads: {@link #plan} decides, {@link #adopt} commits.
 *
 * <p>Invariants: no CPU has two owners ({@link #adopt} throws {@link AllocationConflictException}
 * and changes nothing); {@link #release} frees every CPU and hugepage of the pod. Not thread-safe:
 * one decision at a time.
 */
public final class AllocationState {

  private final Map<String, NodeState> nodes = new HashMap<>();
  private final Map<PodKey, PodAllocation> allocations = new HashMap<>();
  private final FreeCoreIndex index = new FreeCoreIndex();
  private final TreeSet<String> preferredNodes = new TreeSet<>();
  private final TreeSet<String> nodeNames = new TreeSet<>();
  private final LayoutCache layouts = new LayoutCache();
  private final FitStrategy fit;
  private final View view = new View();
  private int maxThreadsPerCore = 1;

  /** Creates an empty state that places by {@link FitStrategy#BEST_FIT}. */
  public AllocationState() {
    this(FitStrategy.BEST_FIT);
  }

  /** Creates an empty state that places by {@code fit}. */
  public AllocationState(FitStrategy fit) {
    this.fit = Objects.requireNonNull(fit, "fit");
  }

  /**
   * Returns a state holding {@code inventories} and {@code existing} allocations.
   *
   * @throws AllocationConflictException when two allocations claim one CPU or one pod
   */
  public static AllocationState rebuild(
      Collection<NodeInventory> inventories, Collection<PodAllocation> existing) {
    AllocationState state = new AllocationState();
    inventories.forEach(state::putNode);
    existing.forEach(state::adopt);
    return state;
  }

  /**
   * Adds a node or replaces its inventory (a new NodeTopology or IsolationProfile). Allocations on
   * the node are kept, even where their CPUs are no longer isolated: they are held until released.
   * The state keeps an equal inventory whose hardware lists (cores, CPUs, L3 groups, sockets) are
   * shared with other nodes of the same hardware.
   */
  public void putNode(NodeInventory inventory) {
    Topology topology = layouts.canonical(inventory.topology());
    NodeInventory canonical =
        new NodeInventory(
            inventory.nodeName(),
            topology,
            inventory.reserved(),
            inventory.isolated(),
            inventory.smtPolicy(),
            inventory.numaPolicy(),
            inventory.jitter(),
            inventory.quarantineThresholdNanos(),
            inventory.hugepages(),
            inventory.nicNumaNodes());
    NodeState node = nodes.computeIfAbsent(inventory.nodeName(), NodeState::new);
    unindex(node);
    node.setInventory(canonical, layouts.layout(topology));
    for (Slot slot : node.slots) {
      index.add(slot);
    }
    nodeNames.add(node.name);
    if (inventory.numaPolicy() == NumaPolicy.SINGLE_NODE_PREFERRED) {
      preferredNodes.add(node.name);
    } else {
      preferredNodes.remove(node.name);
    }
    maxThreadsPerCore = Math.max(maxThreadsPerCore, node.threadsPerCore);
  }

  /**
   * Removes a node's inventory: nothing more is placed there. Its allocations stay until released,
   * so their CPUs keep their owners if the node comes back.
   *
   * @return whether the node was known
   */
  public boolean removeNode(String nodeName) {
    NodeState node = nodes.get(nodeName);
    if (node == null || !node.hasTopology()) {
      return false;
    }
    unindex(node);
    node.clearInventory();
    nodeNames.remove(nodeName);
    preferredNodes.remove(nodeName);
    if (node.pods.isEmpty()) {
      nodes.remove(nodeName);
    }
    return true;
  }

  private void unindex(NodeState node) {
    for (Slot slot : node.slots) {
      index.remove(slot);
    }
  }

  /** Returns the inventory of a node, if it has one. */
  public Optional<NodeInventory> node(String nodeName) {
    NodeState node = nodes.get(nodeName);
    return node == null ? Optional.empty() : Optional.ofNullable(node.inventory);
  }

  /** Returns the names of the nodes with an inventory, sorted. */
  public NavigableSet<String> nodeNames() {
    return Collections.unmodifiableNavigableSet(nodeNames);
  }

  /**
   * Records an allocation: a decision from {@link #plan}, or one rebuilt from a CoreAllocation.
   * Adopting the same allocation twice is a no-op. The node need not have an inventory yet.
   *
   * @throws AllocationConflictException when a CPU is held by another pod, or this pod already
   *     holds a different allocation; nothing is changed then
   */
  public void adopt(PodAllocation allocation) {
    PodAllocation held = allocations.get(allocation.pod());
    if (held != null) {
      if (held.equals(allocation)) {
        return;
      }
      throw new AllocationConflictException(
          "pod "
              + allocation.pod()
              + " already holds node "
              + held.nodeName()
              + " CPUs "
              + held.cpus()
              + " (uid "
              + held.uid()
              + "); release it before adopting node "
              + allocation.nodeName()
              + " CPUs "
              + allocation.cpus()
              + " (uid "
              + allocation.uid()
              + ")");
    }
    NodeState node = nodes.computeIfAbsent(allocation.nodeName(), NodeState::new);
    CpuSet cpus = allocation.heldCpus();
    StringBuilder clash = new StringBuilder();
    cpus.forEach(
        cpu -> {
          PodAllocation owner = node.owner(cpu);
          if (owner != null) {
            clash.append(clash.isEmpty() ? "" : ", ").append(cpu).append(" (").append(owner.pod());
            clash.append(')');
          }
        });
    if (!clash.isEmpty()) {
      if (node.pods.isEmpty() && !node.hasTopology()) {
        nodes.remove(node.name);
      }
      throw new AllocationConflictException(
          "pod "
              + allocation.pod()
              + " claims CPUs on node "
              + allocation.nodeName()
              + " that other pods hold: "
              + clash);
    }
    node.add(allocation);
    allocations.put(allocation.pod(), allocation);
    refresh(node);
  }

  /**
   * Frees everything the pod holds.
   *
   * @return the released allocation, or empty when the pod held none
   */
  public Optional<PodAllocation> release(PodKey pod) {
    PodAllocation allocation = allocations.remove(pod);
    if (allocation == null) {
      return Optional.empty();
    }
    NodeState node = nodes.get(allocation.nodeName());
    node.remove(allocation);
    refresh(node);
    if (node.pods.isEmpty() && !node.hasTopology()) {
      nodes.remove(node.name);
    }
    return Optional.of(allocation);
  }

  private void refresh(NodeState node) {
    for (Slot slot : node.slots) {
      index.update(slot, node.countFree(slot.numaIndex));
    }
  }

  /** Returns the pod's allocation, if it holds one. */
  public Optional<PodAllocation> allocation(PodKey pod) {
    return Optional.ofNullable(allocations.get(pod));
  }

  /** Returns every allocation held, in no particular order. */
  public Collection<PodAllocation> allocations() {
    return Collections.unmodifiableCollection(allocations.values());
  }

  /** Returns the pods holding allocations on a node, sorted. */
  public List<PodKey> podsOn(String nodeName) {
    NodeState node = nodes.get(nodeName);
    return node == null ? List.of() : List.copyOf(node.pods);
  }

  /** Returns the pod holding {@code cpu} on {@code nodeName}, if any. */
  public Optional<PodKey> owner(String nodeName, int cpu) {
    NodeState node = nodes.get(nodeName);
    PodAllocation owner = node == null ? null : node.owner(cpu);
    return owner == null ? Optional.empty() : Optional.of(owner.pod());
  }

  /** Returns the free usable cores of one NUMA node (0 for an unknown node or NUMA node). */
  public int freeCores(String nodeName, int numaNode) {
    NodeState node = nodes.get(nodeName);
    if (node == null) {
      return 0;
    }
    for (Slot slot : node.slots) {
      if (slot.numaId == numaNode) {
        return slot.free;
      }
    }
    return 0;
  }

  /** Returns the free usable cores of a node. */
  public int freeCores(String nodeName) {
    NodeState node = nodes.get(nodeName);
    return node == null ? 0 : node.totalFree();
  }

  /** Returns the usable cores of a node, held or free: isolated, not reserved, not quarantined. */
  public int usableCores(String nodeName) {
    NodeState node = nodes.get(nodeName);
    return node == null ? 0 : node.usableCount;
  }

  /** Returns the usable cores of all nodes: what tenants share. */
  public long usableCores() {
    long total = 0;
    for (NodeState node : nodes.values()) {
      total += node.usableCount;
    }
    return total;
  }

  /**
   * Returns the physical cores a pod holds: every core any of its CPUs or idle siblings sits on (0
   * when it holds nothing).
   */
  public int heldCores(PodKey pod) {
    PodAllocation allocation = allocations.get(pod);
    return allocation == null ? 0 : nodes.get(allocation.nodeName()).coresOf(allocation.heldCpus());
  }

  /** Returns the free hugepage bytes of one size on one NUMA node of a node. */
  public long freeHugepageBytes(String nodeName, int numaNode, long pageSizeBytes) {
    NodeState node = nodes.get(nodeName);
    return node == null ? 0 : node.hugepageFree(numaNode, pageSizeBytes);
  }

  /**
   * Returns the ordinary memory of one NUMA node that pods with exclusive CPUs may take (MemTotal
   * less the hugepage pools); empty when the node's memory is unknown (not checked) or the node or
   * NUMA node is not known.
   */
  public OptionalLong memoryCapacityBytes(String nodeName, int numaNode) {
    NodeState node = nodes.get(nodeName);
    long capacity = node == null ? 0 : node.memoryCapacity(numaNode);
    return capacity <= 0 || capacity == NumaMemory.UNKNOWN
        ? OptionalLong.empty()
        : OptionalLong.of(capacity);
  }

  /** Returns the memory counted to pods on one NUMA node of a node. */
  public long memoryUsedBytes(String nodeName, int numaNode) {
    NodeState node = nodes.get(nodeName);
    return node == null ? 0 : node.memoryUsed(numaNode);
  }

  /**
   * Returns how many NUMA nodes (over all nodes) have each count of free usable cores: the shape of
   * the free pool, for fragmentation figures.
   */
  public SortedMap<Integer, Integer> freeCoreHistogram() {
    SortedMap<Integer, Integer> histogram = new TreeMap<>();
    for (NodeState node : nodes.values()) {
      for (Slot slot : node.slots) {
        histogram.merge(slot.free, 1, Integer::sum);
      }
    }
    return histogram;
  }

  /**
   * Decides where the pod would go, without committing: pass a {@link PlacementDecision.Placed}'s
   * allocation to {@link #adopt}.
   *
   * @param eligible which nodes pass the caller's filters (taints, selectors, allocatable...)
   */
  public PlacementDecision plan(PodRequest request, Predicate<String> eligible) {
    Objects.requireNonNull(eligible, "eligible");
    return PlacementPlanner.plan(view, request, eligible);
  }

  /** Decides over all nodes, as {@link #plan(PodRequest, Predicate)}. */
  public PlacementDecision plan(PodRequest request) {
    return plan(request, name -> true);
  }

  /** Plans and, when the pod fits, adopts the allocation. */
  public PlacementDecision place(PodRequest request, Predicate<String> eligible) {
    PlacementDecision decision = plan(request, eligible);
    if (decision instanceof PlacementDecision.Placed placed) {
      adopt(placed.allocation());
    }
    return decision;
  }

  /** The planner's read-only view of this state (the planner never sees the state itself). */
  private final class View implements PlacementView {
    @Override
    public Optional<PodAllocation> allocation(PodKey pod) {
      return AllocationState.this.allocation(pod);
    }

    @Override
    public NavigableSet<String> nodeNames() {
      return AllocationState.this.nodeNames();
    }

    @Override
    public FitStrategy fit() {
      return fit;
    }

    @Override
    public FreeCoreIndex index() {
      return index;
    }

    @Override
    public NodeState nodeState(String name) {
      return nodes.get(name);
    }

    @Override
    public NavigableSet<String> preferredNodes() {
      return preferredNodes;
    }

    @Override
    public int maxThreadsPerCore() {
      return maxThreadsPerCore;
    }
  }
}
