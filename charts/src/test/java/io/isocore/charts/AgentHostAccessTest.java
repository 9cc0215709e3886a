package io.isocore.charts;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The agent sees no more of the host than it uses: read-only host mounts are recursively read-only
 * (their submounts too), cgroup v1 nodes get only the written controllers writable, the kubelet's
 * directory can be left out, metrics can listen on the pod address only, behind a NetworkPolicy.
 */
class AgentHostAccessTest {

  private static PodSpec agentPod(RenderedChart chart) {
    return chart.one(DaemonSet.class, "-agent").getSpec().getTemplate().getSpec();
  }

  private static Map<String, VolumeMount> mounts(PodSpec pod) {
    return pod.getContainers().get(0).getVolumeMounts().stream()
        .collect(Collectors.toMap(VolumeMount::getName, m -> m));
  }

  private static Map<String, String> hostPaths(PodSpec pod) {
    return pod.getVolumes().stream()
        .filter(v -> v.getHostPath() != null)
        .collect(Collectors.toMap(Volume::getName, v -> v.getHostPath().getPath()));
  }

  @Test
  void readOnlyHostMountsAreRecursivelyReadOnlyWherePossible() {
    Map<String, VolumeMount> mounts = mounts(agentPod(RenderedChart.render(Map.of())));
    for (String name : new String[] {"host-sys", "host-proc", "kubelet-state"}) {
      assertThat(mounts.get(name).getReadOnly()).as(name).isTrue();
      assertThat(mounts.get(name).getRecursiveReadOnly()).as(name).isEqualTo("IfPossible");
    }
    Map<String, VolumeMount> enforced =
        mounts(agentPod(RenderedChart.render(Map.of("agent.recursiveReadOnly", "Enabled"))));
    assertThat(enforced.get("host-sys").getRecursiveReadOnly()).isEqualTo("Enabled");
    assertThat(enforced.get("host-proc").getRecursiveReadOnly()).isEqualTo("Enabled");
    // recursiveReadOnly is only valid on read-only mounts: the writable ones carry none.
    assertThat(enforced.values())
        .filteredOn(m -> !Boolean.TRUE.equals(m.getReadOnly()))
        .allSatisfy(m -> assertThat(m.getRecursiveReadOnly()).as(m.getName()).isNull());
  }

  @Test
  void cgroupV1MakesOnlyTheWrittenControllersWritable() {
    PodSpec pod = agentPod(RenderedChart.render(Map.of("agent.cgroup.version", "v1")));
    Map<String, VolumeMount> mounts = mounts(pod);
    assertThat(mounts.get("host-cgroup").getReadOnly()).isTrue();
    assertThat(mounts.get("host-cgroup").getRecursiveReadOnly()).isEqualTo("IfPossible");
    Map<String, String> hostPaths = hostPaths(pod);
    Map<String, String> writable =
        mounts.values().stream()
            .filter(m -> hostPaths.containsKey(m.getName()))
            .filter(m -> !Boolean.TRUE.equals(m.getReadOnly()))
            .collect(Collectors.toMap(VolumeMount::getMountPath, m -> hostPaths.get(m.getName())));
    // cpuset.cpus/mems (CgroupV1Cpuset), cpu.shares, hugetlb.*.limit_in_bytes; /proc/irq for IRQ
    // steering; the agent's own state directory.
    assertThat(writable)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "/host/sys/fs/cgroup/cpuset", "/sys/fs/cgroup/cpuset",
                "/host/sys/fs/cgroup/cpu,cpuacct", "/sys/fs/cgroup/cpu,cpuacct",
                "/host/sys/fs/cgroup/hugetlb", "/sys/fs/cgroup/hugetlb",
                "/host/proc/irq", "/proc/irq",
                "/var/lib/isocore", "/var/lib/isocore"));
  }

  @Test
  void kubeletDirectoryCanBeLeftOut() {
    PodSpec pod = agentPod(RenderedChart.render(Map.of("agent.kubeletCpuManagerCheck", false)));
    assertThat(hostPaths(pod)).doesNotContainValue("/var/lib/kubelet");
    assertThat(mounts(pod)).doesNotContainKey("kubelet-state");
    // ... and the agent is told, so it exports no kubelet series instead of a false 0.
    Container agent = pod.getContainers().get(0);
    assertThat(env(agent, "ISOCORE_KUBELET_CPU_MANAGER_CHECK").getValue()).isEqualTo("false");
    Container checking = agentPod(RenderedChart.render(Map.of())).getContainers().get(0);
    assertThat(env(checking, "ISOCORE_KUBELET_CPU_MANAGER_CHECK").getValue()).isEqualTo("true");
  }

  @Test
  void theAgentGetsOneHostRootNotTheDeprecatedKeys() {
    Container agent = agentPod(RenderedChart.render(Map.of())).getContainers().get(0);
    assertThat(env(agent, "ISOCORE_HOST_ROOT").getValue()).isEqualTo("/host");
    // every host mount lives under the root the agent reads
    assertThat(agent.getVolumeMounts())
        .filteredOn(m -> !m.getMountPath().equals("/var/lib/isocore"))
        .filteredOn(m -> !m.getMountPath().equals("/tmp"))
        .allSatisfy(m -> assertThat(m.getMountPath()).startsWith("/host/"));
    assertThat(agent.getEnv())
        .extracting(EnvVar::getName)
        .doesNotContain("ISOCORE_AGENT_ROOT", "ISOCORE_ENFORCE_ROOT");
  }

  @Test
  void metricsBindAddressReachesBothComponents() {
    RenderedChart chart =
        RenderedChart.render(
            Map.of("agent.metricsBindAddress", "podIP", "operator.metricsBindAddress", "10.0.0.7"));
    EnvVar agentHost = env(agentPod(chart).getContainers().get(0), "QUARKUS_HTTP_HOST");
    assertThat(agentHost.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("status.podIP");
    Container operator =
        chart
            .one(Deployment.class, "-operator")
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0);
    assertThat(env(operator, "QUARKUS_HTTP_HOST").getValue()).isEqualTo("10.0.0.7");
    assertThat(
            env(
                    RenderedChart.render(Map.of())
                        .one(DaemonSet.class, "-agent")
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0),
                    "QUARKUS_HTTP_HOST")
                .getValue())
        .isEqualTo("0.0.0.0");
  }

  @Test
  void networkPolicyAdmitsOnlyScrapesOfTheMetricsPort() {
    assertThat(RenderedChart.render(Map.of()).all(NetworkPolicy.class)).isEmpty();
    RenderedChart chart = RenderedChart.render(Map.of("networkPolicy.enabled", true));
    assertThat(chart.all(NetworkPolicy.class)).hasSize(2);
    NetworkPolicy agent = chart.one(NetworkPolicy.class, "-node-agent");
    assertThat(agent.getSpec().getPodSelector().getMatchLabels())
        .isEqualTo(chart.one(DaemonSet.class, "-agent").getSpec().getSelector().getMatchLabels());
    assertThat(agent.getSpec().getPolicyTypes()).containsExactly("Ingress");
    assertThat(agent.getSpec().getIngress())
        .singleElement()
        .satisfies(
            rule -> {
              assertThat(rule.getPorts())
                  .singleElement()
                  .satisfies(p -> assertThat(p.getPort().getStrVal()).isEqualTo("http"));
              assertThat(rule.getFrom())
                  .singleElement()
                  .satisfies(
                      peer ->
                          assertThat(peer.getNamespaceSelector().getMatchLabels())
                              .containsEntry("kubernetes.io/metadata.name", "monitoring"));
            });
    assertThat(
            chart.one(NetworkPolicy.class, "-operator").getSpec().getPodSelector().getMatchLabels())
        .isEqualTo(
            chart.one(Deployment.class, "-operator").getSpec().getSelector().getMatchLabels());
  }

  private static EnvVar env(Container c, String name) {
    return c.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst().orElseThrow();
  }
}
