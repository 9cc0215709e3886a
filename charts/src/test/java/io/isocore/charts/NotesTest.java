package io.isocore.charts;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.Helm;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** NOTES.txt, as Helm prints it after an install, is right for a packaged chart. */
class NotesTest {

  @Test
  void notesTellPackagedUsersWhereCrdsAndImagesComeFrom() throws IOException {
    String output;
    try (FakeApiServer server = new FakeApiServer("v1.31.0")) {
      output =
          new Helm(RenderedChart.chartDir())
              .install()
              .withName(RenderedChart.RELEASE)
              .withNamespace(RenderedChart.NAMESPACE)
              .withKubeConfigContents(server.kubeconfig())
              .withDryRunOption(DryRun.SERVER)
              .disableOpenApiValidation()
              .call()
              .getOutput();
    }
    assertThat(output)
        .contains("NOTES:")
        .contains("helm show crds <chart reference>")
        .contains("| kubectl apply --server-side -f -")
        .contains("no isocore image is published yet")
        .contains("agent:    ghcr.io/isocore/isocore-node-agent:0.1.0")
        .contains("kubectl label node <node> isocore.io/enabled=true");
  }
}
