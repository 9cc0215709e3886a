package io.isocore.charts;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** How the pods behave on real nodes: taints, slow starts, emptied values, memory under limits. */
class PodRuntimeTest {

  /** Non-heap memory of the agent measured on a live quickstart (metaspace, code cache, stacks). */
  static final long MEASURED_NON_HEAP_MIB = 65;

  /** What the images set (Dockerfile.jvm) when the chart passes no JVM flags. */
  static final int IMAGE_MAX_RAM_PERCENTAGE = 75;

  private final RenderedChart chart = RenderedChart.render(Map.of());

  private PodSpec agentPod() {
    return chart.one(DaemonSet.class, "-agent").getSpec().getTemplate().getSpec();
  }

  @Test
  void agentToleratesTheTaintsOfDedicatedNodes() {
    // A dedicated latency node is typically tainted (dedicated=latency:NoSchedule); the label is
    // the opt-in, so the agent must run there with default values.
    assertThat(agentPod().getTolerations())
        .anySatisfy(
            t -> {
              assertThat(t.getOperator()).isEqualTo("Exists");
              assertThat(t.getKey()).isNull();
              assertThat(t.getEffect()).isNull();
            });
    assertThat(tolerates(agentPod(), "dedicated", "latency", "NoSchedule")).isTrue();
    assertThat(tolerates(agentPod(), "isocore.io/latency", "", "NoExecute")).isTrue();
  }

  @Test
  void bothComponentsHaveAStartupProbeAheadOfLiveness() {
    Container agent = agentPod().getContainers().get(0);
    Container operator =
        chart
            .one(Deployment.class, "-operator")
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0);
    for (Container c : new Container[] {agent, operator}) {
      assertThat(c.getStartupProbe()).as(c.getName()).isNotNull();
      assertThat(c.getStartupProbe().getHttpGet().getPath()).isEqualTo("/q/health/started");
      int startupBudget =
          c.getStartupProbe().getPeriodSeconds() * c.getStartupProbe().getFailureThreshold();
      assertThat(startupBudget).as("seconds a slow JVM start may take").isGreaterThanOrEqualTo(60);
    }
  }

  @Test
  void emptiedPriorityClassIsLeftOutNotNull() {
    RenderedChart emptied =
        RenderedChart.render(
            Map.of("agent.priorityClassName", "", "operator.priorityClassName", ""));
    assertThat(emptied.yaml()).doesNotContainPattern("(?m)priorityClassName:\\s*(null)?\\s*$");
    assertThat(emptied.yaml()).doesNotContain("priorityClassName: \n");
    assertThat(
            emptied
                .one(DaemonSet.class, "-agent")
                .getSpec()
                .getTemplate()
                .getSpec()
                .getPriorityClassName())
        .isNull();
  }

  @Test
  void heapLeavesRoomForNonHeapUnderTheMemoryLimit() {
    assertHeadroom(agentPod().getContainers().get(0), MEASURED_NON_HEAP_MIB);
    assertHeadroom(
        chart
            .one(Deployment.class, "-operator")
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0),
        MEASURED_NON_HEAP_MIB);
  }

  /** Heap (MaxRAMPercentage of the limit) plus non-heap plus 10% of the limit fits the limit. */
  private static void assertHeadroom(Container c, long nonHeapMib) {
    Quantity limit = c.getResources().getLimits().get("memory");
    long limitMib =
        Quantity.getAmountInBytes(limit).divide(BigDecimal.valueOf(1 << 20)).longValue();
    String opts =
        c.getEnv().stream()
            .filter(e -> e.getName().equals("JAVA_OPTS_APPEND"))
            .map(EnvVar::getValue)
            .findFirst()
            .orElse("");
    Matcher m = Pattern.compile("MaxRAMPercentage=(\\d+(\\.\\d+)?)").matcher(opts);
    double percentage = m.find() ? Double.parseDouble(m.group(1)) : IMAGE_MAX_RAM_PERCENTAGE;
    double heapMib = limitMib * percentage / 100;
    assertThat(heapMib + nonHeapMib + limitMib * 0.10)
        .as(
            "%s: heap %.0f MiB + non-heap %d MiB + 10%% margin under %d MiB",
            c.getName(), heapMib, nonHeapMib, limitMib)
        .isLessThanOrEqualTo(limitMib);
    assertThat(opts).contains("-XX:+ExitOnOutOfMemoryError");
  }

  /** Kubernetes' toleration matching (ToleratesTaint) for the fields the chart can set. */
  private static boolean tolerates(PodSpec pod, String key, String value, String effect) {
    for (Toleration t : pod.getTolerations()) {
      boolean effectMatches =
          t.getEffect() == null || t.getEffect().isEmpty() || t.getEffect().equals(effect);
      boolean keyMatches = t.getKey() == null || t.getKey().isEmpty() || t.getKey().equals(key);
      boolean valueMatches =
          "Exists".equals(t.getOperator())
              || value.equals(t.getValue() == null ? "" : t.getValue());
      if (effectMatches && keyMatches && valueMatches) {
        return true;
      }
    }
    return false;
  }
}
