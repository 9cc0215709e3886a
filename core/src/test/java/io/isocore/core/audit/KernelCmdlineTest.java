package io.isocore.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.core.cpu.CpuSet;
import org.junit.jupiter.api.Test;

class KernelCmdlineTest {

  @Test
  void readsIsolcpusWithFlagsAndTheOtherParameters() {
    KernelCmdline c =
        KernelCmdline.parse(
            "BOOT_IMAGE=/vmlinuz root=/dev/sda1 isolcpus=managed_irq,domain,2-5,8"
                + " nohz_full=2-5,8 rcu_nocbs=2-5 irqaffinity=0-1 quiet\n");
    assertThat(c.isolcpus()).contains(CpuSet.parse("2-5,8"));
    assertThat(c.isolcpusFlags()).containsExactly("managed_irq", "domain");
    assertThat(c.nohzFull()).contains(CpuSet.parse("2-5,8"));
    assertThat(c.rcuNocbs()).contains(CpuSet.parse("2-5"));
    assertThat(c.irqAffinity()).contains(CpuSet.parse("0-1"));
    assertThat(c.problems()).isEmpty();
  }

  @Test
  void isolcpusWithoutFlagsMeansDomainAndTheLastOccurrenceWins() {
    KernelCmdline c = KernelCmdline.parse("isolcpus=1 isolcpus=2-3");
    assertThat(c.isolcpus()).contains(CpuSet.parse("2-3"));
    assertThat(c.isolcpusFlags()).containsExactly("domain");
  }

  @Test
  void ignoresInitArgumentsAndReportsUnreadableLists() {
    KernelCmdline c = KernelCmdline.parse("nohz_full=0-15:2 -- isolcpus=3");
    assertThat(c.nohzFull()).isEmpty();
    assertThat(c.isolcpus()).isEmpty();
    assertThat(c.problems()).singleElement().asString().startsWith("nohz_full=0-15:2");
  }

  @Test
  void aLineWithoutIsolationHasNone() {
    assertThat(KernelCmdline.parse("console=ttyS0 quiet")).isEqualTo(KernelCmdline.none());
  }
}
