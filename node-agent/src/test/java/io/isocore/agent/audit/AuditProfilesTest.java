package io.isocore.agent.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isocore.api.v1alpha1.IsolationProfile;
import io.isocore.core.audit.AuditProfile;
import io.isocore.core.cpu.CpuSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditProfilesTest {

  @TempDir Path dir;

  private AuditProfile load(String yaml) throws IOException {
    Path file = dir.resolve("p.yaml");
    Files.writeString(file, yaml);
    IsolationProfile profile = ProfileFile.load(file);
    return AuditProfiles.from(profile.getSpec());
  }

  @Test
  void defaultsAreKernelSourceFullCoresAndIrqSteering() throws IOException {
    AuditProfile p =
        load(
            "apiVersion: isocore.io/v1alpha1\nkind: IsolationProfile\nspec:\n  reservedCpus: 0-1\n");
    assertThat(p)
        .isEqualTo(new AuditProfile(CpuSet.parse("0-1"), java.util.Optional.empty(), true, true));
  }

  @Test
  void explicitCpusIdleSiblingsAndNoSteering() throws IOException {
    AuditProfile p =
        load(
            """
            apiVersion: isocore.io/v1alpha1
            kind: IsolationProfile
            spec:
              reservedCpus: "0"
              isolatedCpus: {source: Explicit, cpus: "2-7"}
              smtPolicy: IdleSiblings
              irqSteering: false
            """);
    assertThat(p.explicitIsolated()).contains(CpuSet.parse("2-7"));
    assertThat(p.fullCores()).isFalse();
    assertThat(p.irqSteering()).isFalse();
  }

  @Test
  void badInputNamesTheFieldOrTheFile() {
    assertThatThrownBy(() -> load("kind: IsolationProfile\nspec:\n  reservedCpus: zero\n"))
        .isInstanceOf(InvalidProfileException.class)
        .hasMessageStartingWith("spec.reservedCpus: ");
    assertThatThrownBy(
            () ->
                load(
                    "kind: IsolationProfile\nspec:\n  reservedCpus: \"0\"\n"
                        + "  isolatedCpus: {source: Explicit}\n"))
        .isInstanceOf(InvalidProfileException.class)
        .hasMessage("spec.isolatedCpus.cpus is required with source Explicit");
    assertThatThrownBy(() -> load("kind: LatencyTenant\nspec:\n  reservedCpus: \"0\"\n"))
        .isInstanceOf(InvalidProfileException.class)
        .hasMessageContaining("expected IsolationProfile");
    assertThatThrownBy(() -> ProfileFile.load(dir.resolve("nope.yaml")))
        .hasMessageEndingWith("nope.yaml: no such file");
  }
}
