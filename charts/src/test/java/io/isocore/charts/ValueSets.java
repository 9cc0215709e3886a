package io.isocore.charts;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** The value sets the schema tests render: defaults, typical overrides, every option on. */
final class ValueSets {

  private ValueSets() {}

  static Stream<Map<String, Object>> all() {
    Map<String, Object> everything = new LinkedHashMap<>(ChartTemplateTest.nonDefaultValues());
    everything.put("networkPolicy.enabled", true);
    everything.put("agent.cgroup.version", "v1");
    everything.put("agent.kubeletCpuManagerCheck", false);
    everything.put("agent.metricsBindAddress", "podIP");
    everything.put("agent.recursiveReadOnly", "Enabled");
    everything.put("agent.priorityClassName", "");
    everything.put("operator.priorityClassName", "isocore-high");
    everything.put("agent.image.digest", "sha256:" + "ab".repeat(32));
    everything.put("commonLabels.team", "latency");
    everything.put("agent.podAnnotations.example\\.com/owner", "latency");
    everything.put("monitoring.grafanaDashboard.namespace", "grafana");
    return Stream.of(Map.of(), ChartTemplateTest.nonDefaultValues(), everything);
  }
}
