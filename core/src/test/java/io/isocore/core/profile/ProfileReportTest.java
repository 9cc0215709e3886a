package io.isocore.core.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.core.cpu.CpuSet;
import org.junit.jupiter.api.Test;

class ProfileReportTest {
  private static final ProfileRules RULES = ProfileRules.defaults(CpuSet.parse("0-1"));

  @Test
  void aNodeAsAskedHasNoFindingsAndACommandLine() {
    ProfileReport report = ProfileReport.of(RULES, CpuSet.parse("2-15"), CpuSet.parse("0-15"));
    assertThat(report.findings()).isEmpty();
    assertThat(report.handedOut()).isEqualTo(CpuSet.parse("2-15"));
    assertThat(report.recommendedCmdline())
        .contains("isolcpus=managed_irq,domain,2-15 nohz_full=2-15 rcu_nocbs=2-15 irqaffinity=0-1");
  }

  @Test
  void eachDifferenceIsAFindingWithItsFix() {
    ProfileReport clash = ProfileReport.of(RULES, CpuSet.parse("1-7"), CpuSet.parse("0-7"));
    assertThat(clash.findings())
        .singleElement()
        .asString()
        .contains("reserved CPUs 1 are isolated")
        .contains("Remove them from isolcpus");
    assertThat(clash.handedOut()).isEqualTo(CpuSet.parse("2-7"));
    ProfileReport none = ProfileReport.of(RULES, CpuSet.empty(), CpuSet.parse("0-7"));
    assertThat(none.findings()).singleElement().asString().startsWith("no isolated CPUs");
    assertThat(none.recommendedCmdline()).isEmpty();
    ProfileReport offline = ProfileReport.of(RULES, CpuSet.parse("2-9"), CpuSet.parse("0-7"));
    assertThat(offline.findings()).containsExactly("isolated CPUs 8-9 are offline");
    assertThat(ProfileReport.of(RULES, CpuSet.parse("2-9"), CpuSet.empty()).findings())
        .as("online unknown: no offline finding")
        .isEmpty();
  }
}
