package io.isocore.mapping;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Keeps mapping a pure translation layer: api and core in, no client, no I/O. */
class MappingArchitectureTest {

  private final JavaClasses mapping =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.isocore.mapping");

  @Test
  void mappingHasClasses() {
    assertThat(mapping.contain("io.isocore.mapping.allocation.CoreAllocations")).isTrue();
  }

  @Test
  void noClientCalls() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.fabric8.kubernetes.client..",
            "io.quarkus..",
            "jakarta..",
            "io.vertx..",
            "io.isocore.operator..",
            "io.isocore.agent..",
            "io.isocore.kube..")
        .because("mapping translates objects; fetching and writing them is the apps' job")
        .check(mapping);
  }

  @Test
  void noIo() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("java.io..", "java.nio..", "java.net..")
        .because("mapping is a pure function of the objects it is given")
        .check(mapping);
  }
}
