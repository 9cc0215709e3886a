package io.isocore.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The admission policy (stride or lottery, with its seed) and commits in flight are chart values.
 */
class AdmissionValuesTest {

  private static Optional<String> env(RenderedChart chart, String name) {
    List<EnvVar> env =
        chart
            .one(Deployment.class, "-operator")
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .getFirst()
            .getEnv();
    return env.stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue).findFirst();
  }

  @Test
  void strideByDefaultWithoutASeed() {
    RenderedChart chart = RenderedChart.render(Map.of());
    assertThat(env(chart, "ISOCORE_ADMISSION_POLICY")).contains("stride");
    assertThat(env(chart, "ISOCORE_ADMISSION_LOTTERY_SEED")).isEmpty();
  }

  @Test
  void lotteryWithASeedReachesTheOperator() {
    RenderedChart chart =
        RenderedChart.render(
            Map.of(
                "operator.admission.policy",
                "lottery",
                "operator.admission.lotterySeed",
                9007199254740993L));
    assertThat(env(chart, "ISOCORE_ADMISSION_POLICY")).contains("lottery");
    assertThat(env(chart, "ISOCORE_ADMISSION_LOTTERY_SEED")).contains("9007199254740993");
  }

  @Test
  void commitsInFlightReachTheOperatorAndAreBounded() {
    assertThat(env(RenderedChart.render(Map.of()), "ISOCORE_COMMITS_IN_FLIGHT")).contains("64");
    assertThat(
            env(
                RenderedChart.render(Map.of("operator.commitsInFlight", 0)),
                "ISOCORE_COMMITS_IN_FLIGHT"))
        .contains("0");
    assertThatThrownBy(() -> RenderedChart.render(Map.of("operator.commitsInFlight", 100000)))
        .hasMessageContaining("commitsInFlight");
  }

  @Test
  void anUnknownPolicyIsRefusedNamingTheField() {
    assertThatThrownBy(
            () -> RenderedChart.render(Map.of("operator.admission.policy", "roundrobin")))
        .hasMessageContaining("policy");
  }
}
