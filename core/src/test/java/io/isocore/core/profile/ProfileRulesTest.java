package io.isocore.core.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isocore.core.alloc.NumaPolicy;
import io.isocore.core.alloc.SmtPolicy;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.enforce.UnallocatedIsolatedPolicy;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ProfileRulesTest {

  @Test
  void reservedAndExplicitIsolatedMustNotOverlap() {
    assertThatThrownBy(
            () ->
                new ProfileRules(
                    CpuSet.parse("0-1"),
                    Optional.of(CpuSet.parse("0-15")),
                    SmtPolicy.FULL_CORES,
                    NumaPolicy.SINGLE_NODE_REQUIRED,
                    UnallocatedIsolatedPolicy.IDLE,
                    true,
                    ProbeSchedule.DEFAULTS,
                    OptionalLong.empty()))
        .hasMessageContaining("0-1")
        .hasMessageContaining("0-15")
        .hasMessageContaining("overlap");
  }

  @Test
  void defaultsTakeTheKernelsIsolatedCpus() {
    ProfileRules rules = ProfileRules.defaults(CpuSet.parse("0"));
    assertThat(rules.isolated(CpuSet.parse("2-3"))).isEqualTo(CpuSet.parse("2-3"));
    assertThat(rules.audit().fullCores()).isTrue();
    assertThat(rules.audit().irqSteering()).isTrue();
    assertThat(rules.unallocated()).isEqualTo(UnallocatedIsolatedPolicy.IDLE);
  }

  @Test
  void reservedMustNotBeEmpty() {
    assertThatThrownBy(() -> ProfileRules.defaults(CpuSet.empty()))
        .hasMessageContaining("reserved");
  }
}
