package io.isocore.agent.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isocore.core.audit.AuditProfile;
import io.isocore.core.cpu.CpuSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileFileTest {

  @TempDir Path dir;

  private AuditProfile load(String yaml) throws IOException {
    Path file = dir.resolve("p.yaml");
    Files.writeString(file, yaml);
    return ProfileFile.rules(file).audit();
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
  void reservedAndIsolatedCpusThatOverlapAreRejectedNamingTheFileAndBothFields() {
    assertThatThrownBy(
            () ->
                load(
                    """
                    kind: IsolationProfile
                    metadata: {name: overlapping}
                    spec:
                      reservedCpus: "0-1"
                      isolatedCpus: {source: Explicit, cpus: "0-15"}
                    """))
        .isInstanceOf(InvalidProfileException.class)
        .hasMessageStartingWith(dir.resolve("p.yaml") + ": ")
        .hasMessageContaining("spec.reservedCpus 0-1")
        .hasMessageContaining("spec.isolatedCpus.cpus 0-15")
        .hasMessageContaining("overlap on 0-1");
  }

  @Test
  void badInputNamesTheFieldOrTheFile() {
    assertThatThrownBy(() -> load("kind: IsolationProfile\nspec:\n  reservedCpus: zero\n"))
        .isInstanceOf(InvalidProfileException.class)
        .hasMessageStartingWith(dir.resolve("p.yaml") + ": spec.reservedCpus: ");
    assertThatThrownBy(
            () ->
                load(
                    "kind: IsolationProfile\nspec:\n  reservedCpus: \"0\"\n"
                        + "  isolatedCpus: {source: Explicit}\n"))
        .isInstanceOf(InvalidProfileException.class)
        .hasMessage(
            dir.resolve("p.yaml") + ": spec.isolatedCpus.cpus is required when source is Explicit");
    assertThatThrownBy(() -> load("kind: LatencyTenant\nspec:\n  reservedCpus: \"0\"\n"))
        .isInstanceOf(InvalidProfileException.class)
        .hasMessageContaining("expected IsolationProfile");
    assertThatThrownBy(() -> ProfileFile.load(dir.resolve("nope.yaml")))
        .hasMessageEndingWith("nope.yaml: no such file");
  }
}
