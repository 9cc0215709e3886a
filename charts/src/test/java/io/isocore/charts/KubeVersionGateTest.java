package io.isocore.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Chart.yaml's {@code kubeVersion} is the version gate: Helm refuses to install on a cluster older
 * than 1.31 and installs on 1.31 and later, including providers' pre-release version strings.
 * Checked by real Helm (a server-side dry-run install) against {@link FakeApiServer}s reporting
 * each version, since helm-java's {@code template} has no kube-version option.
 */
class KubeVersionGateTest {

  @Test
  void chartDeclaresTheGateWhereHelmEnforcesIt() throws IOException {
    var chartYaml =
        new ObjectMapper(new YAMLFactory())
            .readTree(RenderedChart.chartDir().resolve("Chart.yaml").toFile());
    assertThat(chartYaml.path("kubeVersion").asText()).isEqualTo(">=1.31.0-0");
  }

  @ParameterizedTest
  @ValueSource(strings = {"v1.29.9", "v1.30.4", "v1.30.14-eks-3d4a9f2"})
  void helmRefusesClustersOlderThan131(String version) throws IOException {
    try (FakeApiServer server = new FakeApiServer(version)) {
      assertThatThrownBy(() -> dryRunInstall(server))
          .hasMessageContaining("chart requires kubeVersion: >=1.31.0-0")
          .hasMessageContaining("incompatible with Kubernetes " + version);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"v1.31.0", "v1.31.2-eks-1234abc", "v1.33.1", "v1.35.0+k3s1"})
  void helmInstallsOn131AndLater(String version) throws IOException {
    try (FakeApiServer server = new FakeApiServer(version)) {
      Release release = dryRunInstall(server);
      assertThat(release.getName()).isEqualTo(RenderedChart.RELEASE);
      assertThat(release.getOutput()).doesNotContain("incompatible");
    }
  }

  private static Release dryRunInstall(FakeApiServer server) {
    return new Helm(RenderedChart.chartDir())
        .install()
        .withName(RenderedChart.RELEASE)
        .withNamespace(RenderedChart.NAMESPACE)
        .withKubeConfigContents(server.kubeconfig())
        .withDryRunOption(DryRun.SERVER)
        .disableOpenApiValidation()
        .call();
  }
}
