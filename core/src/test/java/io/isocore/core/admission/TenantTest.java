package io.isocore.core.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TenantTest {

  @Test
  void badTicketsAndWindowsAreRejectedWithTheReason() {
    assertThat(Tenant.of("t", -3).invalidReason())
        .contains("tenant t has -3 tickets; it needs at least 1 to be admitted");
    assertThat(Tenant.of("t", 1).invalidReason()).isEmpty();
    Instant t = Instant.parse("2026-11-24T12:00:00Z");
    assertThatThrownBy(() -> new InflationWindow(2, t, t))
        .hasMessage(
            "inflation window end 2026-11-24T12:00:00Z must be after start 2026-11-24T12:00:00Z");
    assertThatThrownBy(() -> new InflationWindow(0.5, t, t.plusSeconds(1)))
        .hasMessage("inflation factor must be at least 1, got 0.5");
    assertThatThrownBy(() -> new StrideQueue(0.9))
        .hasMessage("maximum inflation factor must be at least 1, got 0.9");
  }
}
