package io.isocore.operator.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.isocore.core.alloc.AllocationState;
import io.isocore.core.alloc.ContainerGrant;
import io.isocore.core.alloc.HugepageGrant;
import io.isocore.core.alloc.NodeInventory;
import io.isocore.core.alloc.NumaMemory;
import io.isocore.core.alloc.PlacementDecision;
import io.isocore.core.pod.PodRequest;
import io.isocore.core.topology.HugepageSizes;
import io.isocore.core.topology.NumaNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** How {@code plan} prints a decision: text for people, {@code --json} for scripts. */
final class PlanOutput {

  private PlanOutput() {}

  /** The decision as lines of text. */
  static String text(PodRequest request, PlacementDecision decision, AllocationState state) {
    StringBuilder text = new StringBuilder();
    switch (decision) {
      case PlacementDecision.Placed placed -> {
        var allocation = placed.allocation();
        text.append("pod ")
            .append(request.key())
            .append(" fits: node ")
            .append(allocation.nodeName())
            .append(", NUMA node ")
            .append(allocation.numaNode())
            .append(", ")
            .append(placed.cores())
            .append(placed.cores() == 1 ? " whole core\n" : " whole cores\n");
        for (ContainerGrant container : allocation.containers()) {
          text.append("  container ")
              .append(container.name())
              .append(": ")
              .append(container.exclusive() ? "CPUs " + container.cpus() : "shared pool");
          for (HugepageGrant grant : container.hugepages()) {
            text.append(", ")
                .append(HugepageSizes.name(grant.bytes()))
                .append(" of ")
                .append(grant.sizeName())
                .append(" hugepages on NUMA node ")
                .append(grant.numaNode());
          }
          text.append('\n');
        }
        if (!allocation.idleCpus().isEmpty()) {
          text.append("  idle CPUs: ")
              .append(allocation.idleCpus())
              .append(
                  " (siblings of its cores, held idle: no pod, shared work or probe runs there)\n");
        }
        if (allocation.memoryBytes() > 0) {
          text.append("  memory: ")
              .append(NumaMemory.format(allocation.memoryBytes()))
              .append(" pinned to NUMA node ")
              .append(allocation.numaNode())
              .append('\n');
        }
        numaMemoryLine(text, state, allocation.nodeName());
      }
      case PlacementDecision.Unschedulable unschedulable ->
          text.append("pod ")
              .append(request.key())
              .append(" does not fit (")
              .append(unschedulable.reason().conditionReason())
              .append("): ")
              .append(unschedulable.message())
              .append('\n');
    }
    return text.toString();
  }

  /** The decision as one JSON object. */
  static String json(PodRequest request, PlacementDecision decision, AllocationState state) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("pod", request.key().toString());
    switch (decision) {
      case PlacementDecision.Placed placed -> {
        var allocation = placed.allocation();
        result.put("placed", true);
        result.put("node", allocation.nodeName());
        result.put("numaNode", allocation.numaNode());
        result.put("cores", placed.cores());
        List<Map<String, Object>> containers = new ArrayList<>();
        for (ContainerGrant container : allocation.containers()) {
          Map<String, Object> c = new LinkedHashMap<>();
          c.put("name", container.name());
          c.put("cpuMode", container.exclusive() ? "Exclusive" : "Shared");
          if (container.exclusive()) {
            c.put("cpus", container.cpus().toListString());
          }
          List<Map<String, Object>> hugepages = new ArrayList<>();
          for (HugepageGrant grant : container.hugepages()) {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("size", grant.sizeName());
            h.put("bytes", grant.bytes());
            h.put("numaNode", grant.numaNode());
            hugepages.add(h);
          }
          if (!hugepages.isEmpty()) {
            c.put("hugepages", hugepages);
          }
          containers.add(c);
        }
        result.put("containers", containers);
        result.put("idleCpus", allocation.idleCpus().toListString());
        result.put("memoryBytes", allocation.memoryBytes());
        result.put("numaMemory", numaMemory(state, allocation.nodeName()));
      }
      case PlacementDecision.Unschedulable unschedulable -> {
        result.put("placed", false);
        result.put("reason", unschedulable.reason().conditionReason());
      }
    }
    result.put("message", decision.message());
    try {
      return new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(result);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot print the decision as JSON", e);
    }
  }

  /**
   * One line with the ordinary memory of each NUMA node of the node, free before this pod (MemTotal
   * less hugepages, less what pods with exclusive CPUs count there); nothing when it is unknown.
   */
  private static void numaMemoryLine(StringBuilder text, AllocationState state, String node) {
    List<Map<String, Object>> numas = numaMemory(state, node);
    if (numas.isEmpty()) {
      return;
    }
    text.append("  memory per NUMA node of ").append(node).append(", free before this pod:");
    String sep = " ";
    for (Map<String, Object> numa : numas) {
      text.append(sep)
          .append(numa.get("numaNode"))
          .append(": ")
          .append(NumaMemory.format((Long) numa.get("freeBytes")))
          .append(" of ")
          .append(NumaMemory.format((Long) numa.get("capacityBytes")));
      sep = ", ";
    }
    text.append('\n');
  }

  /** Per NUMA node with known memory: capacity, used and free bytes, before this pod. */
  private static List<Map<String, Object>> numaMemory(AllocationState state, String node) {
    List<Map<String, Object>> numas = new ArrayList<>();
    NodeInventory inventory = state.node(node).orElse(null);
    if (inventory == null) {
      return numas;
    }
    for (NumaNode numa : inventory.topology().numaNodes()) {
      OptionalLong capacity = state.memoryCapacityBytes(node, numa.id());
      if (capacity.isPresent()) {
        long used = state.memoryUsedBytes(node, numa.id());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("numaNode", numa.id());
        m.put("capacityBytes", capacity.getAsLong());
        m.put("usedBytes", used);
        m.put("freeBytes", Math.max(0, capacity.getAsLong() - used));
        numas.add(m);
      }
    }
    return numas;
  }
}
