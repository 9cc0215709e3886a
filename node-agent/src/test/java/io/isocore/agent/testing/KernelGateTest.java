package io.isocore.agent.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class KernelGateTest {

  @Test
  void aMachineThatCanRunTheTestPassesTheGate() {
    assertThatCode(() -> KernelGate.require("T", Optional.empty(), "required"))
        .doesNotThrowAnyException();
    assertThatCode(() -> KernelGate.require("T", Optional.empty(), null))
        .doesNotThrowAnyException();
  }

  @Test
  void elsewhereTheTestIsSkippedSayingWhy() {
    assertThatThrownBy(() -> KernelGate.require("T", Optional.of("not root"), null))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("T cannot run here: not root");
  }

  @Test
  void whereTheKernelTierIsRequiredTheSameReasonFailsTheTest() {
    assertThatThrownBy(() -> KernelGate.require("T", Optional.of("not root"), "required"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("T cannot run here: not root")
        .hasMessageContaining("ISOCORE_KERNEL_TESTS=required");
  }
}
