package io.isocore.agent.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {

  @Test
  void doublesFromThePollIntervalUpToTheRefreshInterval() {
    Duration poll = Duration.ofSeconds(2);
    Duration cap = Duration.ofSeconds(60);
    assertThat(RetryBackoff.delay(0, poll, cap)).isZero();
    assertThat(RetryBackoff.delay(1, poll, cap)).isEqualTo(Duration.ofSeconds(2));
    assertThat(RetryBackoff.delay(2, poll, cap)).isEqualTo(Duration.ofSeconds(4));
    assertThat(RetryBackoff.delay(5, poll, cap)).isEqualTo(Duration.ofSeconds(32));
    assertThat(RetryBackoff.delay(6, poll, cap)).isEqualTo(cap);
    assertThat(RetryBackoff.delay(1000, poll, cap)).isEqualTo(cap);
  }
}
