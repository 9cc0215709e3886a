package io.isocore.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.quickstart.kubelet.Sandbox;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The one line that tells the user whether isocore really enforces in this run. */
class EnforcementLineTest {

  private final Sandbox none = Sandbox.create(Path.of("/nonexistent"), "");

  @Test
  void dryRunSaysWhy() {
    assertThat(Quickstart.enforcementLine(QuickstartOptions.parse(), none))
        .startsWith("enforcement: DRY RUN (no cgroup v1 cpuset hierarchy at /nonexistent/cpuset)");
    assertThat(Quickstart.enforcementLine(QuickstartOptions.parse("--dry-run"), none))
        .startsWith("enforcement: DRY RUN (--dry-run)");
  }

  @Test
  void noIsolationSaysEnforcementIsOff() {
    assertThat(Quickstart.enforcementLine(QuickstartOptions.parse("--no-isolation"), none))
        .startsWith("enforcement: OFF (--no-isolation)");
  }
}
