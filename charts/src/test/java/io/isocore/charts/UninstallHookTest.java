package io.isocore.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The pre-delete hook that restores every node: it switches the agent DaemonSet the chart renders
 * (its real name, container and mount) to restore mode and waits for the rollout, with the least
 * RBAC, and is not there when turned off.
 */
class UninstallHookTest {

  private static final String TEMPLATE = "templates/agent-uninstall-hook.yaml";
  private static final String HOOK = "\"helm.sh/hook\" \"pre-delete\"";
  private static final String RENDERED_HOOK = "test.isocore.io/hook";

  private static Path hooksRendered;

  private final RenderedChart chart = render(Map.of());

  /**
   * helm-java's {@code template} (0.0.15) leaves hook objects out, as {@code helm template
   * --no-hooks} does. This copy of the chart names the hook annotation {@value #RENDERED_HOOK}
   * instead of {@code helm.sh/hook}, so real Helm renders the hook's objects as ordinary ones; the
   * tests read the annotation under that name, and check that the chart itself declares the hook.
   */
  static synchronized RenderedChart render(Map<String, Object> values) {
    try {
      if (hooksRendered == null) {
        Path dir = Files.createTempDirectory("isocore-chart-hooks").resolve("isocore");
        TemplateCopy.copy(TemplateCopy.withoutKubeVersion(), dir);
        String hook = Files.readString(dir.resolve(TEMPLATE));
        assertThat(hook).containsOnlyOnce(HOOK);
        Files.writeString(
            dir.resolve(TEMPLATE), hook.replace(HOOK, "\"" + RENDERED_HOOK + "\" \"pre-delete\""));
        hooksRendered = dir;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return RenderedChart.render(hooksRendered, values);
  }

  @Test
  void theChartDeclaresTheHookAndPlainTemplateLeavesItOut() throws IOException {
    assertThat(Files.readString(RenderedChart.chartDir().resolve(TEMPLATE))).containsOnlyOnce(HOOK);
    assertThat(RenderedChart.render(Map.of()).all(Job.class)).isEmpty();
  }

  private static String hook(HasMetadata o) {
    return o.getMetadata().getAnnotations().get(RENDERED_HOOK)
        + " weight "
        + o.getMetadata().getAnnotations().get("helm.sh/hook-weight")
        + " delete "
        + o.getMetadata().getAnnotations().get("helm.sh/hook-delete-policy");
  }

  @Test
  void aPreDeleteJobSwitchesTheAgentDaemonSetToRestoreModeAndWaitsForIt() throws Exception {
    DaemonSet agent = chart.one(DaemonSet.class, "-agent");
    Job job = chart.one(Job.class, "-agent-uninstall");
    assertThat(hook(job))
        .isEqualTo("pre-delete weight 0 delete before-hook-creation,hook-succeeded");

    Container patch = job.getSpec().getTemplate().getSpec().getInitContainers().getFirst();
    assertThat(patch.getImage()).isEqualTo("registry.k8s.io/kubectl:v1.32.0");
    assertThat(patch.getCommand()).containsExactly("kubectl");
    List<String> args = patch.getArgs();
    assertThat(args.subList(0, 5))
        .containsExactly(
            "patch",
            "daemonset",
            agent.getMetadata().getName(),
            "--namespace=" + RenderedChart.NAMESPACE,
            "--type=strategic");
    JsonNode body = new ObjectMapper().readTree(args.get(5).substring("--patch=".length()));
    assertThat(body.at("/spec/updateStrategy/rollingUpdate/maxUnavailable").asText())
        .isEqualTo("100%");
    JsonNode container = body.at("/spec/template/spec/containers/0");
    // The strategic merge keys must match the DaemonSet, or the patch would add, not merge.
    Container agentContainer = agent.getSpec().getTemplate().getSpec().getContainers().getFirst();
    assertThat(container.get("name").asText()).isEqualTo(agentContainer.getName());
    assertThat(container.at("/env/0/name").asText()).isEqualTo("ISOCORE_AGENT_MODE");
    assertThat(container.at("/env/0/value").asText()).isEqualTo("restore");
    JsonNode mount = container.at("/volumeMounts/0");
    assertThat(agentContainer.getVolumeMounts())
        .extracting(VolumeMount::getMountPath)
        .contains(mount.get("mountPath").asText());
    assertThat(mount.get("readOnly").asBoolean()).isFalse();
    assertThat(mount.get("recursiveReadOnly").isNull()).isTrue(); // removed, not kept

    Container wait = job.getSpec().getTemplate().getSpec().getContainers().getFirst();
    assertThat(wait.getArgs())
        .containsExactly(
            "rollout",
            "status",
            "daemonset/" + agent.getMetadata().getName(),
            "--namespace=" + RenderedChart.NAMESPACE,
            "--timeout=300s");
    assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(420L);
    assertThat(job.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot())
        .isTrue();
    for (Container c : List.of(patch, wait)) {
      assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
      assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
      assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    }
  }

  @Test
  void theHookMayOnlyPatchAndWatchTheAgentDaemonSetAndExistsBeforeTheJob() {
    String agent = chart.one(DaemonSet.class, "-agent").getMetadata().getName();
    Role role = chart.one(Role.class, "-agent-uninstall");
    assertThat(role.getRules())
        .extracting(
            PolicyRule::getApiGroups,
            PolicyRule::getResources,
            PolicyRule::getResourceNames,
            PolicyRule::getVerbs)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                List.of("apps"), List.of("daemonsets"), List.of(agent), List.of("get", "patch")),
            org.assertj.core.groups.Tuple.tuple(
                List.of("apps"), List.of("daemonsets"), List.of(), List.of("list", "watch")));
    RoleBinding binding = chart.one(RoleBinding.class, "-agent-uninstall");
    ServiceAccount account = chart.one(ServiceAccount.class, "-agent-uninstall");
    assertThat(binding.getSubjects().getFirst().getName())
        .isEqualTo(account.getMetadata().getName());
    assertThat(
            chart
                .one(Job.class, "-agent-uninstall")
                .getSpec()
                .getTemplate()
                .getSpec()
                .getServiceAccountName())
        .isEqualTo(account.getMetadata().getName());
    for (HasMetadata o : List.of(role, binding, account)) {
      assertThat(hook(o))
          .isEqualTo("pre-delete weight -10 delete before-hook-creation,hook-succeeded");
    }
  }

  @Test
  void theTimeoutAndImageAreValuesAndTheHookCanBeTurnedOff() {
    RenderedChart custom =
        render(
            Map.of(
                "uninstall.timeoutSeconds",
                900,
                "uninstall.kubectlImage",
                "mirror.example/kubectl:v1.33.1"));
    Job job = custom.one(Job.class, "-agent-uninstall");
    assertThat(job.getSpec().getTemplate().getSpec().getContainers().getFirst().getArgs())
        .contains("--timeout=900s");
    assertThat(job.getSpec().getTemplate().getSpec().getInitContainers().getFirst().getImage())
        .isEqualTo("mirror.example/kubectl:v1.33.1");

    assertThatThrownBy(() -> render(Map.of("uninstall.timeoutSeconds", 5)))
        .hasMessageContaining("uninstall.timeoutSeconds")
        .hasMessageContaining("30");
    assertThatThrownBy(() -> render(Map.of("uninstall.kubectlImage", "")))
        .hasMessageContaining("uninstall.kubectlImage");

    RenderedChart off = render(Map.of("uninstall.restore", false));
    assertThat(off.all(Job.class)).isEmpty();
    assertThat(off.find(Role.class, "-agent-uninstall")).isEmpty();
  }
}
