package io.isocore.operator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;

/**
 * The operator's layers: pure packages (filters, catalogs, pod reading, status builders, the
 * admission planner; CR translations live in the client-free {@code mapping} module) touch no
 * client, informer or framework; adapters in {@code kube} never reach into the scheduler; the
 * {@code plan} CLI runs without the cluster adapters or the app.
 */
class OperatorArchitectureTest {

  private static final String OPERATOR = "io.isocore.operator";

  private final JavaClasses operator =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(OPERATOR);

  /** A client, its DSL, informers, leader election, or the application framework. */
  private static final DescribedPredicate<JavaClass> CLUSTER_OR_FRAMEWORK =
      JavaClass.Predicates.assignableTo(KubernetesClient.class)
          .or(
              JavaClass.Predicates.resideInAnyPackage(
                  "io.fabric8.kubernetes.client.dsl..",
                  "io.fabric8.kubernetes.client.informers..",
                  "io.fabric8.kubernetes.client.extended..",
                  "io.quarkus..",
                  "io.vertx..",
                  "jakarta..",
                  "io.prometheus.."))
          .as("a Kubernetes client, informer or framework class");

  @Test
  void theImportSeesEveryLayer() {
    // Guards the rules below against passing vacuously on an empty or partial import.
    for (String name :
        new String[] {
          "filter.NodeFilter",
          "catalog.NodeCatalog",
          "pod.PodResources",
          "status.ProfileStatuses",
          "scheduler.AdmissionPlanner",
          "scheduler.ApiPlacementCommitter",
          "kube.ClusterInformers",
          "cli.PlanCommand",
          "app.SchedulerService"
        }) {
      assertThat(operator.contain(OPERATOR + "." + name)).as(name).isTrue();
    }
  }

  @Test
  void pureLayersTouchNoClusterAndNoFramework() {
    noClasses()
        .that()
        .resideInAnyPackage(
            OPERATOR + ".filter..",
            OPERATOR + ".catalog..",
            OPERATOR + ".pod..",
            OPERATOR + ".status..")
        .should()
        .dependOnClassesThat(CLUSTER_OR_FRAMEWORK)
        .orShould()
        .dependOnClassesThat()
        .resideInAnyPackage(
            OPERATOR + ".kube..",
            OPERATOR + ".scheduler..",
            OPERATOR + ".metrics..",
            OPERATOR + ".app..",
            OPERATOR + ".cli..")
        .because("they are pure functions of Kubernetes objects, tested without a cluster")
        .check(operator);
  }

  /** The client itself: its entry point, request DSL, informers, leader election. */
  private static final DescribedPredicate<JavaClass> CLIENT_CALLS =
      JavaClass.Predicates.assignableTo(KubernetesClient.class)
          .or(
              JavaClass.Predicates.resideInAnyPackage(
                  "io.fabric8.kubernetes.client.dsl..",
                  "io.fabric8.kubernetes.client.informers..",
                  "io.fabric8.kubernetes.client.extended.."))
          .as("the Kubernetes client, its DSL or informers");

  @Test
  void onlyTheAdaptersAndTheWiringCallTheApiServer() {
    // The predicate is not vacuous: the informers adapter is built on it.
    assertThat(operator.get(OPERATOR + ".kube.ClusterInformers").getDirectDependenciesFromSelf())
        .anyMatch(d -> CLIENT_CALLS.test(d.getTargetClass()));
    noClasses()
        .that()
        .resideInAPackage(OPERATOR + "..")
        .and()
        .resideOutsideOfPackages(OPERATOR + ".kube..", OPERATOR + ".app..")
        .and()
        .doNotHaveFullyQualifiedName(OPERATOR + ".IsocoreMain")
        .should()
        .dependOnClassesThat(CLIENT_CALLS)
        .because(
            "every API call goes through an adapter in kube (wired in app), so the scheduler's"
                + " steps are tested against those seams")
        .check(operator);
  }

  @Test
  void theAdmissionPlannerIsPure() {
    noClasses()
        .that()
        .haveFullyQualifiedName(OPERATOR + ".scheduler.AdmissionPlanner")
        .or()
        .haveFullyQualifiedName(OPERATOR + ".scheduler.NodeUsage")
        .or()
        .haveFullyQualifiedName(OPERATOR + ".scheduler.Shortfall")
        .should()
        .dependOnClassesThat(CLUSTER_OR_FRAMEWORK)
        .orShould()
        .dependOnClassesThat()
        .resideInAnyPackage(OPERATOR + ".kube..", OPERATOR + ".metrics..", OPERATOR + ".app..")
        .because("the planner decides; the PlacementCommitter writes")
        .check(operator);
  }

  @Test
  void kubeAdaptersNeverReachIntoTheScheduler() {
    noClasses()
        .that()
        .resideInAPackage(OPERATOR + ".kube..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(OPERATOR + ".scheduler..", OPERATOR + ".app..", OPERATOR + ".cli..")
        .because("adapters are thin and named for what they touch; the scheduler calls them")
        .check(operator);
  }

  @Test
  void theCliNeedsNoClusterAdaptersAndNoApp() {
    noClasses()
        .that()
        .resideInAPackage(OPERATOR + ".cli..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            OPERATOR + ".kube..",
            OPERATOR + ".app..",
            OPERATOR + ".scheduler..",
            OPERATOR + ".metrics..")
        .orShould()
        .dependOnClassesThat(CLUSTER_OR_FRAMEWORK)
        .because("plan runs offline on manifest files, without booting Quarkus")
        .check(operator);
  }

  @Test
  void onlyTheEntryPointDependsOnTheAppWiring() {
    noClasses()
        .that()
        .resideInAPackage(OPERATOR + ".*..")
        .and()
        .resideOutsideOfPackage(OPERATOR + ".app..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(OPERATOR + ".app..")
        .check(operator);
  }

  @Test
  void packagesHaveNoCycles() {
    slices().matching(OPERATOR + ".(*)..").should().beFreeOfCycles().check(operator);
  }
}
