package io.isocore.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isocore.core.cpu.CpuSet;
import io.isocore.core.profile.ProbeSchedule;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StaticProbePlanTest {

  private static final ProbePlan FROM_PROFILE =
      new ProbePlan(CpuSet.of(3), ProbeSchedule.DEFAULTS, java.util.OptionalLong.of(50_000));

  @Test
  void unsetChangesNothing() {
    ProbePlanSource none = Optional::empty;
    StaticProbePlan unset = new StaticProbePlan(Optional.empty(), Duration.ofSeconds(300));
    assertThat(unset.orElse(none)).isSameAs(none);
    assertThat(new StaticProbePlan(Optional.of(" "), Duration.ofSeconds(300)).orElse(none))
        .isSameAs(none);
  }

  @Test
  void givesItsPlanOnlyWhileNoProfileDoes() {
    StaticProbePlan fixed = new StaticProbePlan(Optional.of("1-2"), Duration.ofSeconds(30));
    ProbePlan plan = fixed.orElse(Optional::empty).current().orElseThrow();
    assertThat(plan.isolated()).isEqualTo(CpuSet.of(1, 2));
    assertThat(plan.schedule().enabled()).isTrue();
    assertThat(plan.schedule().interval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(plan.schedule().duration()).isEqualTo(ProbeSchedule.DEFAULTS.duration());
    assertThat(plan.schedule().thresholdNanos()).isEqualTo(1000);
    assertThat(plan.quarantineNanos()).isEmpty();
    assertThat(fixed.orElse(() -> Optional.of(FROM_PROFILE)).current()).contains(FROM_PROFILE);
  }

  @Test
  void badValuesNameTheProperty() {
    assertThatThrownBy(() -> StaticProbePlan.plan("1-x", Duration.ofSeconds(1)))
        .hasMessageStartingWith("isocore.probe.static-cpus: expected a CPU list")
        .hasMessageContaining("'1-x'");
    assertThatThrownBy(() -> StaticProbePlan.plan("1", Duration.ZERO))
        .hasMessageStartingWith("isocore.probe.static-interval: expected a positive duration");
  }
}
