package io.isocore.core.alloc;

import io.isocore.core.alloc.NodeAllocator.HugepageShortfall;
import io.isocore.core.alloc.NodeState.Slot;
import io.isocore.core.pod.PodRequest;
import io.isocore.core.topology.HugepageSizes;
import java.util.function.Predicate;

/**
 * Chooses a node and NUMA node for a pod: the NUMA node, on any eligible node, with the fewest free
 * usable cores that still fits the whole pod (best fit; ties by node name, then NUMA id; {@link
 * FitStrategy#WORST_FIT} takes the most free instead). Only when no single NUMA node fits anywhere
 * are SingleNodePreferred nodes tried with the pod spread, again the node with the fewest free
 * cores that fits.
 */
final class PlacementPlanner {

  private PlacementPlanner() {}

  static PlacementDecision plan(
      PlacementView state, PodRequest request, Predicate<String> eligible) {
    if (state.allocation(request.key()).isPresent()) {
      return new PlacementDecision.Unschedulable(
          UnschedulableReason.ALREADY_PLACED,
          "pod " + request.key() + " already holds an allocation; release it first");
    }
    int lowerBound = 0;
    for (var container : request.exclusiveContainers()) {
      lowerBound += ceil(container.exclusiveCpus(), state.maxThreadsPerCore());
    }
    HugepageShortfall bestHugepages = null;
    Slot bestHugepagesSlot = null;
    NodeAllocator.MemoryShortfall bestMemory = null;
    Slot bestMemorySlot = null;
    Iterable<Slot> candidates =
        state.fit() == FitStrategy.BEST_FIT
            ? state.index().ascendingFrom(lowerBound)
            : state.index().descendingFrom(Integer.MAX_VALUE);
    for (Slot slot : candidates) {
      NodeState node = slot.node;
      if (slot.free < lowerBound) {
        break;
      }
      if (slot.free < node.coresFor(request) || !nicAllows(node, slot.numaId, request)) {
        continue;
      }
      if (!eligible.test(node.name)) {
        continue;
      }
      HugepageShortfall shortfall = NodeAllocator.hugepageShortfall(node, slot.numaId, request);
      if (shortfall != null) {
        if (bestHugepages == null || shortfall.freeBytes() > bestHugepages.freeBytes()) {
          bestHugepages = shortfall;
          bestHugepagesSlot = slot;
        }
        continue;
      }
      NodeAllocator.MemoryShortfall memory =
          NodeAllocator.memoryShortfall(node, slot.numaId, request);
      if (memory != null) {
        if (bestMemory == null || memory.freeBytes() > bestMemory.freeBytes()) {
          bestMemory = memory;
          bestMemorySlot = slot;
        }
        continue;
      }
      PodAllocation allocation = NodeAllocator.onOneNuma(node, slot.numaIndex, request);
      if (allocation != null) {
        return placed(node, allocation);
      }
    }
    PodAllocation spread = spreadOnPreferredNode(state, request, eligible);
    if (spread != null) {
      return placed(state.nodeState(spread.nodeName()), spread);
    }
    if (bestHugepages == null && bestMemory != null) {
      return memoryShortfall(bestMemory, bestMemorySlot);
    }
    return unschedulable(state, request, eligible, bestHugepages, bestHugepagesSlot);
  }

  private static PodAllocation spreadOnPreferredNode(
      PlacementView state, PodRequest request, Predicate<String> eligible) {
    if (request.exclusiveCpus() == 0) {
      return null;
    }
    NodeState best = null;
    for (String name : state.preferredNodes()) {
      NodeState node = state.nodeState(name);
      if (!nicAnywhere(node, request)) {
        continue; // a NIC with a NUMA node pins the pod to it: never spread
      }
      int free = node.totalFree();
      if (free >= node.coresFor(request)
          && (best == null || free < best.totalFree())
          && eligible.test(name)) {
        PodAllocation attempt = NodeAllocator.spread(node, request);
        if (attempt != null) {
          best = node;
        }
      }
    }
    return best == null ? null : NodeAllocator.spread(best, request);
  }

  /**
   * Whether the pod's NIC, if it names one, leaves every NUMA node of the node open: the NIC is
   * there and its firmware reports no NUMA node (-1), which means no NUMA preference, never a
   * refusal.
   */
  private static boolean nicAnywhere(NodeState node, PodRequest request) {
    if (request.alignNic().isEmpty()) {
      return true;
    }
    Integer nicNuma = node.inventory.nicNumaNodes().get(request.alignNic().get());
    return nicNuma != null && nicNuma < 0;
  }

  /** Whether the pod's NIC allows NUMA node {@code numaId}: no NIC, the NIC's node, or -1. */
  private static boolean nicAllows(NodeState node, int numaId, PodRequest request) {
    if (request.alignNic().isEmpty()) {
      return true;
    }
    Integer nicNuma = node.inventory.nicNumaNodes().get(request.alignNic().get());
    return nicNuma != null && (nicNuma < 0 || nicNuma == numaId);
  }

  private static PlacementDecision placed(NodeState node, PodAllocation allocation) {
    StringBuilder message =
        new StringBuilder("node ")
            .append(node.name)
            .append(", NUMA node ")
            .append(allocation.numaNode())
            .append(':');
    for (ContainerGrant container : allocation.containers()) {
      message
          .append(' ')
          .append(container.name())
          .append(' ')
          .append(container.exclusive() ? "CPUs " + container.cpus() : "shared");
      for (HugepageGrant grant : container.hugepages()) {
        message
            .append(", ")
            .append(HugepageSizes.name(grant.bytes()))
            .append(" of ")
            .append(grant.sizeName())
            .append(" hugepages");
        if (grant.numaNode() != allocation.numaNode()) {
          message.append(" on NUMA node ").append(grant.numaNode());
        }
      }
      message.append(';');
    }
    message.setLength(message.length() - 1);
    if (!allocation.idleCpus().isEmpty()) {
      message.append("; idle siblings ").append(allocation.idleCpus());
    }
    return new PlacementDecision.Placed(
        allocation, node.coresOf(allocation.heldCpus()), message.toString());
  }

  private static PlacementDecision unschedulable(
      PlacementView state,
      PodRequest request,
      Predicate<String> eligible,
      HugepageShortfall hugepages,
      Slot hugepagesSlot) {
    if (hugepages != null) {
      return hugepageShortfall(hugepages, hugepagesSlot);
    }
    PlacementDecision nearMiss = nearMiss(state, request, eligible);
    return nearMiss != null ? nearMiss : noCandidate(state, request, eligible);
  }

  private static PlacementDecision hugepageShortfall(HugepageShortfall hugepages, Slot slot) {
    return new PlacementDecision.Unschedulable(
        UnschedulableReason.INSUFFICIENT_HUGEPAGES,
        "needs "
            + HugepageSizes.name(hugepages.neededBytes())
            + " of "
            + HugepageSizes.name(hugepages.pageSizeBytes())
            + " hugepages on the NUMA node of its cores; best: node "
            + slot.node.name
            + ", NUMA node "
            + hugepages.numaId()
            + ", "
            + (hugepages.freeBytes() == 0 ? "0" : HugepageSizes.name(hugepages.freeBytes()))
            + " free");
  }

  private static PlacementDecision memoryShortfall(
      NodeAllocator.MemoryShortfall memory, Slot slot) {
    return new PlacementDecision.Unschedulable(
        UnschedulableReason.INSUFFICIENT_MEMORY,
        "needs "
            + NumaMemory.format(memory.neededBytes())
            + " of memory on NUMA node "
            + memory.numaId()
            + "; "
            + NumaMemory.format(memory.freeBytes())
            + " free (best: node "
            + slot.node.name
            + ")");
  }

  /** The best near miss: it usually exists and is found in a few buckets; null when none. */
  private static PlacementDecision nearMiss(
      PlacementView state, PodRequest request, Predicate<String> eligible) {
    for (Slot slot : state.index().descendingFrom(Integer.MAX_VALUE)) {
      NodeState node = slot.node;
      if (!nicAllows(node, slot.numaId, request) || !eligible.test(node.name)) {
        continue;
      }
      int need = node.coresFor(request);
      boolean preferred = node.inventory.numaPolicy() == NumaPolicy.SINGLE_NODE_PREFERRED;
      String where =
          preferred && request.alignNic().isEmpty()
              ? " on one node; best: node " + node.name + ", " + node.totalFree() + " free"
              : " on one NUMA node; best: node "
                  + node.name
                  + ", NUMA node "
                  + slot.numaId
                  + ", "
                  + slot.free
                  + " free";
      return new PlacementDecision.Unschedulable(
          UnschedulableReason.INSUFFICIENT_ISOLATED_CORES,
          "needs " + need + " whole isolated " + (need == 1 ? "core" : "cores") + where);
    }
    return null;
  }

  /** Why no node was even a candidate: no topology, filtered out, no such NIC, or no cores. */
  private static PlacementDecision noCandidate(
      PlacementView state, PodRequest request, Predicate<String> eligible) {
    int eligibleNodes = 0;
    int withNic = 0;
    for (String name : state.nodeNames()) {
      NodeState node = state.nodeState(name);
      if (node.hasTopology() && eligible.test(name)) {
        eligibleNodes++;
        if (request.alignNic().isEmpty()
            || node.inventory.nicNumaNodes().containsKey(request.alignNic().get())) {
          withNic++;
        }
      }
    }
    if (eligibleNodes == 0) {
      return new PlacementDecision.Unschedulable(
          UnschedulableReason.NO_ELIGIBLE_NODE,
          state.nodeNames().isEmpty()
              ? "no node has a NodeTopology yet"
              : "none of the " + state.nodeNames().size() + " nodes passed the node filters");
    }
    if (withNic == 0) {
      return new PlacementDecision.Unschedulable(
          UnschedulableReason.NIC_NOT_FOUND,
          "none of the "
              + eligibleNodes
              + " eligible nodes has network interface "
              + request.alignNic().get());
    }
    return new PlacementDecision.Unschedulable(
        UnschedulableReason.INSUFFICIENT_ISOLATED_CORES,
        "needs "
            + request.exclusiveCpus()
            + " exclusive CPUs; no eligible node has cores"
            + request
                .alignNic()
                .map(nic -> " on the NUMA node of network interface " + nic)
                .orElse(""));
  }

  private static int ceil(int a, int b) {
    return (a + b - 1) / b;
  }
}
