package io.isocore.core.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.isocore.core.pod.PodKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ShareErrorWindowsTest {
  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  private int counter;

  @Test
  void errorIsAdmittedMinusOwedAndSumsToZero() {
    ShareErrorWindows windows = new ShareErrorWindows(List.of(2, 4));
    Map<String, Long> active = Map.of("A", 3L, "B", 1L);
    windows.admitted("A", 4, active); // A owed 3, B owed 1: A +1, B -1
    windows.admitted("A", 4, active); // A +1 more
    var errors = windows.errors();
    assertThat(errors.get("A").get(2)).isCloseTo(2.0, within(1e-9));
    assertThat(errors.get("B").get(2)).isCloseTo(-2.0, within(1e-9));
    windows.admitted("B", 4, active); // B gets 4, owed 1: +3; A owed 3: -3
    errors = windows.errors();
    // window 2 holds the last two admissions: (A,4) and (B,4): A 4-6=-2, B 4-2=+2
    assertThat(errors.get("A").get(2)).isCloseTo(-2.0, within(1e-9));
    assertThat(errors.get("B").get(2)).isCloseTo(2.0, within(1e-9));
    // window 4 holds all three: A 8-9=-1, B 4-3=+1
    assertThat(errors.get("A").get(4)).isCloseTo(-1.0, within(1e-9));
    assertThat(errors.get("B").get(4)).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void aTenantNotWaitingIsOwedNothing() {
    ShareErrorWindows windows = new ShareErrorWindows(List.of(10));
    windows.admitted("A", 2, Map.of("A", 1L));
    assertThat(windows.errors().get("A").get(10)).isCloseTo(0.0, within(1e-9));
    assertThat(windows.errors()).doesNotContainKey("B");
  }

  @Test
  void oldAdmissionsLeaveTheWindow() {
    ShareErrorWindows windows = new ShareErrorWindows(List.of(3));
    Map<String, Long> active = Map.of("A", 1L, "B", 1L);
    windows.admitted("A", 10, active);
    for (int i = 0; i < 3; i++) {
      windows.admitted(i % 2 == 0 ? "A" : "B", 2, active);
    }
    // last 3: A2, B2, A2: A 4-3=+1, B 2-3=-1; the first 10-core admission has left
    assertThat(windows.errors().get("A").get(3)).isCloseTo(1.0, within(1e-9));
    assertThat(windows.errors().get("B").get(3)).isCloseTo(-1.0, within(1e-9));
  }

  @Test
  void strideStaysWithinAPodOfItsShareWhileLotteryDrifts() {
    Map<String, Long> tickets = Map.of("A", 300L, "B", 100L);
    double stride = worstError(new StrideQueue(1), tickets, 1_000);
    double lottery = worstError(new LotteryQueue(1, new Random(7)), tickets, 1_000);
    assertThat(stride).isLessThanOrEqualTo(2.0);
    assertThat(lottery).isGreaterThan(stride * 3);
  }

  private double worstError(AdmissionQueue queue, Map<String, Long> tickets, int window) {
    tickets.forEach((name, t) -> queue.putTenant(Tenant.of(name, t)));
    PlacementAttempt fits = pod -> OptionalInt.of(pod.cores());
    for (String name : tickets.keySet()) {
      // two pods each, so every tenant keeps waiting: the windows measure a backlogged stream
      queue.offer(new PendingPod(PodKey.of(name, "p" + counter++), name, 2));
      queue.offer(new PendingPod(PodKey.of(name, "p" + counter++), name, 2));
    }
    for (int i = 0; i < 2 * window; i++) {
      Admission admitted = queue.admitNext(NOW, fits).orElseThrow();
      String tenant = admitted.pod().tenant();
      queue.offer(new PendingPod(PodKey.of(tenant, "p" + counter++), tenant, 2));
    }
    double worst = 0;
    for (var perWindow : queue.shareErrors().values()) {
      worst = Math.max(worst, Math.abs(perWindow.get(window)));
    }
    return worst;
  }

  @Test
  void windowSizesAreBounded() {
    assertThatThrownBy(() -> new ShareErrorWindows(List.of(0)))
        .hasMessageContaining("between 1 and 100000");
    assertThatThrownBy(() -> new ShareErrorWindows(List.of(1_000_000)))
        .hasMessageContaining("got 1000000");
    assertThatThrownBy(() -> new ShareErrorWindows(List.of())).hasMessageContaining("at least one");
  }

  @Test
  void restoredPassesKeepWhoOverdrewBehind() {
    StrideQueue fresh = new StrideQueue(1);
    fresh.putTenant(Tenant.of("A", 1));
    fresh.putTenant(Tenant.of("B", 1));
    fresh.putTenant(Tenant.of("C", 1));
    fresh.restorePass("A", 5 * StrideQueue.STRIDE1, true);
    fresh.restorePass("B", 2 * StrideQueue.STRIDE1, true);
    fresh.restorePass("C", 0, false);
    for (int i = 0; i < 4; i++) {
      fresh.offer(new PendingPod(PodKey.of("A", "a" + i), "A", 1));
      fresh.offer(new PendingPod(PodKey.of("B", "b" + i), "B", 1));
    }
    StringBuilder order = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      order.append(
          fresh.admitNext(NOW, pod -> OptionalInt.of(pod.cores())).orElseThrow().pod().tenant());
    }
    assertThat(order).hasToString("BBB");
    fresh.offer(new PendingPod(PodKey.of("C", "c"), "C", 1));
    assertThat(fresh.pass("C"))
        .as("a tenant that was not waiting joins at the global pass, not at its old pass")
        .isGreaterThanOrEqualTo(4 * StrideQueue.STRIDE1);
    fresh.restorePass("A", 1, true);
    assertThat(fresh.pass("A")).as("a pass never moves back").isEqualTo(5 * StrideQueue.STRIDE1);
    assertThatThrownBy(() -> fresh.restorePass("A", -1, false)).hasMessageContaining("negative");
  }
}
