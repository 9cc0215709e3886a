package io.isocore.agent.enforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The agent's mode: the two values, and a clear refusal naming the property otherwise. */
class AgentModeTest {

  @Test
  void readsBothModes() {
    assertThat(AgentMode.parse("enforce")).isEqualTo(AgentMode.ENFORCE);
    assertThat(AgentMode.parse(" Restore ")).isEqualTo(AgentMode.RESTORE);
  }

  @Test
  void refusesAnythingElseNamingThePropertyAndTheValue() {
    assertThatThrownBy(() -> AgentMode.parse("uninstall"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "isocore.agent.mode (ISOCORE_AGENT_MODE) is 'uninstall'; expected enforce or restore."
                + " Nothing was changed on the node");
  }
}
