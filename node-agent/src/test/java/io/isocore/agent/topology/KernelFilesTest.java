package io.isocore.agent.topology;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KernelFilesTest {

  @Test
  void cleanStripsNulsAndWhiteSpaceAtBothEnds() {
    assertThat(KernelFiles.clean("0-3\n\0\0")).isEqualTo("0-3");
    assertThat(KernelFiles.clean("\0 1\n")).isEqualTo("1");
    assertThat(KernelFiles.clean("              (null)\n")).isEqualTo("(null)");
    assertThat(KernelFiles.clean("\0\0\0")).isEmpty();
  }
}
