package io.isocore.agent.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RefreshTriggerTest {

  private static final Duration MINUTE = Duration.ofSeconds(60);

  @Test
  void firstHotplugPeriodicOrNothing() {
    assertThat(RefreshTrigger.decide(Optional.empty(), "0-7", Duration.ZERO, MINUTE))
        .contains(RefreshTrigger.FIRST);
    assertThat(RefreshTrigger.decide(Optional.of("0-7"), "0-6", Duration.ofSeconds(2), MINUTE))
        .contains(RefreshTrigger.HOTPLUG);
    assertThat(RefreshTrigger.decide(Optional.of("0-7"), "0-7", MINUTE, MINUTE))
        .contains(RefreshTrigger.PERIODIC);
    assertThat(RefreshTrigger.decide(Optional.of("0-7"), "0-7", Duration.ofSeconds(59), MINUTE))
        .isEmpty();
  }
}
