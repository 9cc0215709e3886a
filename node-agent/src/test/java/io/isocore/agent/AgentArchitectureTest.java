package io.isocore.agent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The agent's layers: host readers below, enforcement above them, metrics on top. */
class AgentArchitectureTest {

  private final JavaClasses agent =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.isocore.agent");

  @Test
  void agentHasClasses() {
    // Guards the rules below against passing vacuously on an empty import.
    assertThat(agent.contain("io.isocore.agent.enforce.AllocationEnforcer")).isTrue();
    assertThat(agent.contain("io.isocore.agent.topology.NodeReader")).isTrue();
  }

  @Test
  void noPackageCycles() {
    slices().matching("io.isocore.agent.(*)..").should().beFreeOfCycles().check(agent);
  }

  @Test
  void readersDoNotTalkToKubernetesNorEnforce() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.isocore.agent.topology..",
            "io.isocore.agent.cgroup..",
            "io.isocore.agent.irq..",
            "io.isocore.agent.host..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.fabric8..",
            "io.isocore.api..",
            "io.isocore.agent.enforce..",
            "io.isocore.agent.publish..",
            "io.isocore.agent.metrics..")
        .because("host readers and adapters only touch the host; reconcilers use them")
        .check(agent);
  }

  @Test
  void telemetryReadersDoNotDependOnEnforcementProbeNorMetrics() {
    noClasses()
        .that()
        .resideInAPackage("io.isocore.agent.telemetry..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.isocore.agent.enforce..", "io.isocore.agent.metrics..", "io.isocore.agent.probe..")
        .check(agent);
  }

  @Test
  void enforcementDoesNotDependOnMetrics() {
    noClasses()
        .that()
        .resideInAPackage("io.isocore.agent.enforce..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.isocore.agent.metrics..")
        .because("metrics observe enforcement passes, not the other way")
        .check(agent);
  }

  @Test
  void probeDoesNotDependOnEnforcementNorMetrics() {
    noClasses()
        .that()
        .resideInAPackage("io.isocore.agent.probe..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.isocore.agent.enforce..", "io.isocore.agent.metrics..")
        .check(agent);
  }

  @Test
  void onlyTheKubeFacingPackagesUseTheKubernetesClient() {
    noClasses()
        .that()
        .resideOutsideOfPackages(
            "io.isocore.agent.enforce..",
            "io.isocore.agent.publish..",
            "io.isocore.agent.events..",
            // Serialization only: audit --profile reads a YAML file as kubectl would
            "io.isocore.agent.audit..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.fabric8.kubernetes.client..")
        .because("the API server is reached from enforcement, publication and the Event recorder")
        .check(agent);
  }

  @Test
  void readersDoNotUseMappingNorKubeSupport() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.isocore.agent.host..",
            "io.isocore.agent.topology..",
            "io.isocore.agent.cgroup..",
            "io.isocore.agent.irq..",
            "io.isocore.agent.telemetry..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.isocore.mapping..", "io.isocore.kube..")
        .because("readers turn host files into core's model; API translations sit above them")
        .check(agent);
  }

  @Test
  void theHostPackageDependsOnNoOtherAgentPackage() {
    noClasses()
        .that()
        .resideInAPackage("io.isocore.agent.host..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.isocore.agent.cgroup..",
            "io.isocore.agent.topology..",
            "io.isocore.agent.telemetry..",
            "io.isocore.agent.enforce..",
            "io.isocore.agent.publish..",
            "io.isocore.agent.probe..",
            "io.isocore.agent.metrics..")
        .check(agent);
  }
}
