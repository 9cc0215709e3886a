package io.isocore.charts;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The chart through real Helm: lint, template with two value sets, typed objects. */
class ChartTemplateTest {

  static Map<String, Object> nonDefaultValues() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("monitoring.serviceMonitor.enabled", true);
    values.put("monitoring.prometheusRule.enabled", true);
    values.put("monitoring.serviceMonitor.labels.release", "kube-prometheus");
    values.put("image.registry", "registry.trading.example/platform");
    values.put("operator.image.tag", "0.1.0-rc1");
    values.put("agent.image.repository", "isocore-agent-custom");
    values.put("agent.tolerations[0].key", "isocore.io/latency");
    values.put("agent.tolerations[0].operator", "Exists");
    values.put("agent.tolerations[0].effect", "NoSchedule");
    values.put("agent.irqSteering", false);
    return values;
  }

  @Test
  void lintsCleanInStrictMode() {
    LintResult result = new Helm(RenderedChart.chartDir()).lint().strict().call();
    assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
  }

  @Test
  void defaultValuesRenderTypedObjectsOnly() {
    RenderedChart chart = RenderedChart.render(Map.of());
    assertThat(chart.objects()).noneMatch(o -> o instanceof GenericKubernetesResource);
    assertThat(kinds(chart))
        .containsExactlyInAnyOrder(
            "ClusterRole",
            "ClusterRole",
            "ClusterRoleBinding",
            "ClusterRoleBinding",
            "ConfigMap",
            "DaemonSet",
            "Deployment",
            "PodDisruptionBudget",
            "Role",
            "RoleBinding",
            "Service",
            "Service",
            "ServiceAccount",
            "ServiceAccount",
            "ValidatingAdmissionPolicy",
            "ValidatingAdmissionPolicyBinding");
    chart.objects().stream()
        .filter(o -> !o.getKind().startsWith("Cluster") && !o.getKind().startsWith("Validating"))
        .forEach(
            o -> assertThat(o.getMetadata().getNamespace()).isEqualTo(RenderedChart.NAMESPACE));
  }

  @Test
  void nonDefaultValuesRenderMonitoringImagesAndTolerations() {
    RenderedChart chart = RenderedChart.render(nonDefaultValues());
    assertThat(chart.objects()).noneMatch(o -> o instanceof GenericKubernetesResource);
    assertThat(chart.all(ServiceMonitor.class)).hasSize(2);
    assertThat(chart.all(ServiceMonitor.class))
        .allSatisfy(
            sm -> {
              assertThat(sm.getMetadata().getLabels()).containsEntry("release", "kube-prometheus");
              assertThat(
                      sm.getSpec().getEndpoints().get(0).getRelabelings().get(0).getTargetLabel())
                  .isEqualTo("node");
            });
    PrometheusRule rule = chart.one(PrometheusRule.class, "isocore");
    assertThat(rule.getSpec().getGroups().stream().flatMap(g -> g.getRules().stream()))
        .extracting(r -> r.getAlert())
        .contains(
            "IsocoreJitterSloBreached",
            "IsocoreInvoluntaryContextSwitches",
            "IsocoreInterruptsOnAllocatedCpu",
            "IsocoreAllocationNotApplied",
            "IsocoreAgentDown",
            "IsocoreKubeletCpuManagerConflict");

    Container operator = container(chart.one(Deployment.class, "-operator"));
    assertThat(operator.getImage())
        .isEqualTo("registry.trading.example/platform/isocore-operator:0.1.0-rc1");
    DaemonSet agentSet = chart.one(DaemonSet.class, "-agent");
    Container agent = agentSet.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(agent.getImage())
        .isEqualTo("registry.trading.example/platform/isocore-agent-custom:0.1.0");
    assertThat(agentSet.getSpec().getTemplate().getSpec().getTolerations())
        .singleElement()
        .satisfies(t -> assertThat(t.getKey()).isEqualTo("isocore.io/latency"));
    assertThat(mount(agent, "host-proc-irq").getReadOnly()).isTrue();
  }

  @Test
  void operatorRunsTwoReplicasWithProbesResourcesAndADisruptionBudget() {
    RenderedChart chart = RenderedChart.render(Map.of());
    Deployment deployment = chart.one(Deployment.class, "-operator");
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    Container c = container(deployment);
    assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
    assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
    assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(c.getResources().getLimits()).containsKey("memory");
    assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot())
        .isTrue();
    assertThat(c.getEnv()).anySatisfy(e -> assertThat(e.getName()).isEqualTo("POD_NAME"));
    PodDisruptionBudget pdb = chart.one(PodDisruptionBudget.class, "-operator");
    assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
    assertThat(pdb.getSpec().getSelector().getMatchLabels())
        .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
  }

  @Test
  void agentIsNodeCriticalWithTheNarrowestHostAccess() {
    RenderedChart chart = RenderedChart.render(Map.of());
    DaemonSet daemonSet = chart.one(DaemonSet.class, "-agent");
    var pod = daemonSet.getSpec().getTemplate().getSpec();
    assertThat(pod.getPriorityClassName()).isEqualTo("system-node-critical");
    assertThat(pod.getNodeSelector()).containsEntry("isocore.io/enabled", "true");
    // hostPID: cgroup members are listed in the reader's PID namespace (docs/chart.md).
    assertThat(pod.getHostPID()).isTrue();
    assertThat(pod.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
    assertThat(pod.getHostIPC()).isNotEqualTo(Boolean.TRUE);
    Container agent = pod.getContainers().get(0);
    assertThat(agent.getSecurityContext().getPrivileged()).isFalse();
    assertThat(agent.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(agent.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(agent.getSecurityContext().getCapabilities().getAdd()).isNullOrEmpty();
    assertThat(agent.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();

    Map<String, String> hostPaths =
        pod.getVolumes().stream()
            .filter(v -> v.getHostPath() != null)
            .collect(Collectors.toMap(Volume::getName, v -> v.getHostPath().getPath()));
    assertThat(hostPaths)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "host-sys", "/sys",
                "host-cgroup", "/sys/fs/cgroup",
                "host-proc", "/proc",
                "host-proc-irq", "/proc/irq",
                "kubelet-state", "/var/lib/kubelet",
                "state", "/var/lib/isocore"));
    // Writable host mounts: the cgroup tree (cpusets), /proc/irq with IRQ steering, and the
    // agent's own state (IRQ affinities to restore). No other.
    List<String> writable =
        agent.getVolumeMounts().stream()
            .filter(m -> hostPaths.containsKey(m.getName()))
            .filter(m -> !Boolean.TRUE.equals(m.getReadOnly()))
            .map(VolumeMount::getName)
            .toList();
    assertThat(writable).containsExactlyInAnyOrder("host-cgroup", "host-proc-irq", "state");
    assertThat(agent.getEnv())
        .anySatisfy(
            e -> {
              assertThat(e.getName()).isEqualTo("NODE_NAME");
              assertThat(e.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("spec.nodeName");
            });
  }

  @Test
  void admissionPolicyConfinesTheAgentToItsNode() {
    RenderedChart chart = RenderedChart.render(Map.of());
    ValidatingAdmissionPolicy policy = chart.one(ValidatingAdmissionPolicy.class, "-own-node");
    assertThat(policy.getSpec().getFailurePolicy()).isEqualTo("Fail");
    assertThat(policy.getSpec().getMatchConditions().get(0).getExpression())
        .contains("system:serviceaccount:isocore-system:isocore-agent");
    assertThat(policy.getSpec().getVariables().get(0).getExpression())
        .contains("authentication.kubernetes.io/node-name");
    assertThat(policy.getSpec().getValidations()).hasSize(3);
    ValidatingAdmissionPolicyBinding binding =
        chart.one(ValidatingAdmissionPolicyBinding.class, "-own-node");
    assertThat(binding.getSpec().getPolicyName()).isEqualTo(policy.getMetadata().getName());
    assertThat(binding.getSpec().getValidationActions()).containsExactly("Deny");
    assertThat(
            RenderedChart.render(Map.of("admissionPolicy.enabled", false))
                .all(ValidatingAdmissionPolicy.class))
        .isEmpty();
  }

  @Test
  void dashboardShipsAsAConfigMapForTheGrafanaSidecar() {
    RenderedChart chart = RenderedChart.render(Map.of());
    ConfigMap dashboard = chart.one(ConfigMap.class, "-dashboard");
    assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
    assertThat(dashboard.getData()).containsKey("isocore-node-jitter.json");
    assertThat(dashboard.getData().get("isocore-node-jitter.json"))
        .contains("\"uid\": \"isocore-node-jitter\"");
  }

  @Test
  void servicesSelectTheirPods() {
    RenderedChart chart = RenderedChart.render(Map.of());
    Service operator = chart.one(Service.class, "-operator-metrics");
    assertThat(
            chart
                .one(Deployment.class, "-operator")
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getLabels())
        .containsAllEntriesOf(operator.getSpec().getSelector());
    Service agent = chart.one(Service.class, "-agent-metrics");
    assertThat(
            chart.one(DaemonSet.class, "-agent").getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(agent.getSpec().getSelector());
    assertThat(chart.all(ServiceAccount.class)).hasSize(2);
  }

  private static List<String> kinds(RenderedChart chart) {
    return chart.objects().stream().map(HasMetadata::getKind).toList();
  }

  private static Container container(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  private static VolumeMount mount(Container container, String name) {
    return container.getVolumeMounts().stream()
        .filter(m -> m.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }
}
