package io.isocore.charts;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart as a platform team consumes it: a dependency of their umbrella chart, which passes
 * {@code global} values, renames the release's objects and labels everything it owns.
 */
class ChartAsDependencyTest {

  private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);

  @TempDir Path parent;

  @Test
  void rendersAsASubchartWithGlobalValuesAndOverrides() throws IOException {
    Files.writeString(
        parent.resolve("Chart.yaml"),
        """
        apiVersion: v2
        name: latency-platform
        version: 1.0.0
        dependencies:
          - name: isocore
            version: 0.1.0
        """);
    Files.writeString(
        parent.resolve("values.yaml"),
        """
        global:
          imageRegistry: registry.platform.example/mirror
          imagePullSecrets: [platform-pull]
          storageClass: fast   # another subchart's global: accepted, ignored
        isocore:
          fullnameOverride: latency
          commonLabels:
            team: latency-platform
          agent:
            image:
              digest: %s
            podLabels:
              sidecar.istio.io/inject: "false"
            podAnnotations:
              example.com/owner: latency
          monitoring:
            grafanaDashboard:
              namespace: grafana
        """
            .formatted(DIGEST));
    TemplateCopy.copy(RenderedChart.chartDir(), parent.resolve("charts/isocore"));

    RenderedChart chart = RenderedChart.render(parent, Map.of());

    assertThat(chart.objects()).isNotEmpty();
    assertThat(chart.objects())
        .allSatisfy(
            o -> {
              assertThat(o.getMetadata().getName()).startsWith("latency");
              assertThat(o.getMetadata().getLabels()).containsEntry("team", "latency-platform");
            });
    DaemonSet agents = chart.one(DaemonSet.class, "latency-agent");
    PodSpec agentPod = agents.getSpec().getTemplate().getSpec();
    assertThat(agentPod.getContainers().get(0).getImage())
        .isEqualTo("registry.platform.example/mirror/isocore-node-agent@" + DIGEST);
    assertThat(agentPod.getImagePullSecrets())
        .extracting(LocalObjectReference::getName)
        .containsExactly("platform-pull");
    PodTemplateSpec agentTemplate = agents.getSpec().getTemplate();
    assertThat(agentTemplate.getMetadata().getLabels())
        .containsEntry("team", "latency-platform")
        .containsEntry("sidecar.istio.io/inject", "false")
        .containsAllEntriesOf(agents.getSpec().getSelector().getMatchLabels());
    assertThat(agentTemplate.getMetadata().getAnnotations())
        .containsEntry("example.com/owner", "latency");

    Deployment operator = chart.one(Deployment.class, "latency-operator");
    assertThat(operator.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("registry.platform.example/mirror/isocore-operator:0.1.0");
    assertThat(chart.one(ConfigMap.class, "latency-dashboard").getMetadata().getNamespace())
        .isEqualTo("grafana");
    assertThat(
            chart
                .one(ValidatingAdmissionPolicy.class, "-own-node")
                .getSpec()
                .getMatchConditions()
                .get(0)
                .getExpression())
        .contains("system:serviceaccount:" + RenderedChart.NAMESPACE + ":latency-agent");
    assertThat(chart.one(Service.class, "latency-agent-metrics").getSpec().getSelector())
        .isEqualTo(agents.getSpec().getSelector().getMatchLabels());
  }

  @Test
  void nameOverrideRenamesObjectsAndTheNameLabelConsistently() {
    RenderedChart chart = RenderedChart.render(Map.of("nameOverride", "lowlat"));
    DaemonSet agents = chart.one(DaemonSet.class, "-agent");
    assertThat(agents.getMetadata().getName()).isEqualTo("isocore-lowlat-agent");
    assertThat(agents.getMetadata().getLabels()).containsEntry("app.kubernetes.io/name", "lowlat");
    assertThat(agents.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(agents.getSpec().getSelector().getMatchLabels());
    assertThat(chart.one(Service.class, "-agent-metrics").getSpec().getSelector())
        .containsEntry("app.kubernetes.io/name", "lowlat");
    assertThat(chart.one(Deployment.class, "-operator").getMetadata().getName())
        .isEqualTo("isocore-lowlat-operator");
  }
}
