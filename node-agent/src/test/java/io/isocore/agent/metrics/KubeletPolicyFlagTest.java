package io.isocore.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.agent.probe.ProbeResults;
import io.isocore.agent.telemetry.NodeFacts;
import io.isocore.agent.telemetry.testing.FakeProcTree;
import io.isocore.core.cpu.CpuSet;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * isocore_node_kubelet_cpu_manager_static says what the kubelet's state file says, and nothing (no
 * sample, not a 0) when the agent cannot read it: the chart's {@code agent.kubeletCpuManagerCheck:
 * false} mounts nothing of the kubelet and sets {@code isocore.kubelet-cpu-manager-check=false}.
 */
class KubeletPolicyFlagTest {

  private static final String NAME = "isocore_node_kubelet_cpu_manager_static";

  @TempDir Path dir;

  private List<Double> samples(FakeProcTree tree, boolean check) {
    PrometheusRegistry registry = new PrometheusRegistry();
    NodeFacts facts = new NodeFacts(tree.host());
    new NodeMetrics(facts, new KubeletPolicyFlag(facts, check, tree.kubeletState()))
        .register(
            registry,
            NodeCpuView.EMPTY,
            () -> CpuSet.of(),
            new ProbeResults(),
            io.isocore.agent.telemetry.HeldCpuHealth.NONE);
    for (MetricSnapshot m : registry.scrape()) {
      if (m.getMetadata().getPrometheusName().equals(NAME)) {
        return ((GaugeSnapshot) m)
            .getDataPoints().stream().map(GaugeSnapshot.GaugeDataPointSnapshot::getValue).toList();
      }
    }
    throw new AssertionError(NAME + " is not registered");
  }

  @Test
  void thePolicyInTheStateFile() {
    FakeProcTree tree = new FakeProcTree(dir).node(1, 1);
    tree.write("var/lib/kubelet/cpu_manager_state", "{\"policyName\":\"none\"}");
    assertThat(samples(tree, true)).containsExactly(0.0);
    tree.write("var/lib/kubelet/cpu_manager_state", "{\"policyName\":\"static\"}");
    assertThat(samples(tree, true)).containsExactly(1.0);
  }

  @Test
  void noSampleWhenTheCheckIsOffEvenWithAStateFile() {
    FakeProcTree tree = new FakeProcTree(dir).node(1, 1);
    assertThat(samples(tree, false)).isEmpty();
    tree.write("var/lib/kubelet/cpu_manager_state", "{\"policyName\":\"static\"}");
    assertThat(samples(tree, false)).isEmpty();
  }

  @Test
  void noSampleWhenTheStateFileIsMissing() {
    assertThat(samples(new FakeProcTree(dir).node(1, 1), true)).isEmpty();
  }
}
