package io.isocore.core.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EntitlementsTest {

  @Test
  void sharesAreProportionalToTickets() {
    Map<String, Double> shares = Entitlements.share(Map.of("a", 3L, "b", 1L), Map.of(), 64);
    assertThat(shares).containsEntry("a", 48.0).containsEntry("b", 16.0);
  }

  @Test
  void whatACappedTenantCannotUseGoesToTheOthers() {
    Map<String, Double> shares =
        Entitlements.share(Map.of("a", 2L, "b", 1L, "c", 1L), Map.of("a", 10), 100);
    assertThat(shares.get("a")).isEqualTo(10.0);
    assertThat(shares.get("b")).isCloseTo(45.0, within(1e-9));
    assertThat(shares.get("c")).isCloseTo(45.0, within(1e-9));
  }

  @Test
  void noActiveTenantsNoShares() {
    assertThat(Entitlements.share(Map.of(), Map.of(), 100)).isEmpty();
  }
}
