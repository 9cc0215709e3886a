package io.isocore.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Keeps core pure: JDK only, no Kubernetes, no Quarkus, no I/O. */
class CoreArchitectureTest {

  private final JavaClasses core =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.isocore.core");

  @Test
  void coreHasClasses() {
    // Guards the rules below against passing vacuously on an empty import.
    org.assertj.core.api.Assertions.assertThat(core.contain("io.isocore.core.cpu.CpuSet")).isTrue();
  }

  @Test
  void coreDependsOnlyOnTheJdkAndItself() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideOutsideOfPackages("io.isocore.core..", "java..", "javax.annotation..")
        .because("core holds pure decisions with no framework")
        .check(core);
  }

  @Test
  void noCyclesBetweenPackages() {
    slices().matching("io.isocore.core.(*)..").should().beFreeOfCycles().check(core);
  }

  @Test
  void thePlannerReadsAViewNotTheState() {
    noClasses()
        .that()
        .haveSimpleName("PlacementPlanner")
        .should()
        .dependOnClassesThat()
        .haveSimpleName("AllocationState")
        .because("the state calls the planner; the planner reads PlacementView, so no cycle")
        .check(core);
  }

  @Test
  void coreDoesNoIo() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("java.io..", "java.nio..", "java.net..", "java.lang.foreign..")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.lang.ProcessBuilder")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.lang.Runtime")
        .because("core decisions are pure functions of their inputs; adapters do the I/O")
        .check(core);
  }
}
