package io.isocore.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The admission policy (stride or lottery, with its seed) is a chart value. */
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
  void anUnknownPolicyIsRefusedNamingTheField() {
    assertThatThrownBy(
            () -> RenderedChart.render(Map.of("operator.admission.policy", "roundrobin")))
        .hasMessageContaining("policy");
  }
}
