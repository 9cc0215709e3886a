package io.isocore.operator.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.isocore.core.alloc.ContainerGrant;
import io.isocore.core.alloc.HugepageGrant;
import io.isocore.core.alloc.PlacementDecision;
import io.isocore.core.pod.PodRequest;
import io.isocore.core.topology.HugepageSizes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How {@code plan} prints a decision: text for people, {@code --json} for scripts. */
final class PlanOutput {

  private PlanOutput() {}

  /** The decision as lines of text. */
  static String text(PodRequest request, PlacementDecision decision) {
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
  static String json(PodRequest request, PlacementDecision decision) {
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
}
