package io.isocore.core.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.isocore.core.pod.PodKey;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LotteryQueueTest {

  private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

  private static String drawOrder(long seed) {
    LotteryQueue queue = new LotteryQueue(1, new Random(seed));
    queue.putTenant(Tenant.of("A", 3));
    queue.putTenant(Tenant.of("B", 1));
    StringBuilder order = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      queue.offer(new PendingPod(PodKey.of("a", "p" + i), "A", 1));
      queue.offer(new PendingPod(PodKey.of("b", "p" + i), "B", 1));
      order.append(queue.admitNext(NOW, p -> OptionalInt.of(1)).orElseThrow().pod().tenant());
    }
    return order.toString();
  }

  @Test
  void aSeededLotteryIsReproducible() {
    assertThat(drawOrder(1)).isEqualTo(drawOrder(1));
    assertThat(drawOrder(1)).isNotEqualTo(drawOrder(2));
  }

  @Test
  void sharesConvergeToTicketsOverManyDraws() {
    LotteryQueue queue = new LotteryQueue(1, new Random(99));
    Map<String, Long> tickets = Map.of("A", 60L, "B", 30L, "C", 10L);
    tickets.forEach((n, t) -> queue.putTenant(Tenant.of(n, t)));
    Map<String, Integer> admitted = new HashMap<>();
    int serial = 0;
    for (String n : tickets.keySet()) {
      queue.offer(new PendingPod(PodKey.of(n, "p" + serial++), n, 1));
    }
    for (int i = 0; i < 20_000; i++) {
      String tenant = queue.admitNext(NOW, p -> OptionalInt.of(1)).orElseThrow().pod().tenant();
      admitted.merge(tenant, 1, Integer::sum);
      queue.offer(new PendingPod(PodKey.of(tenant, "p" + serial++), tenant, 1));
    }
    tickets.forEach(
        (n, t) -> assertThat(admitted.get(n) / 20_000.0).isCloseTo(t / 100.0, within(0.015)));
  }

  @Test
  void aTenantDrawnWhosePodsFitNowhereIsSetAside() {
    LotteryQueue queue = new LotteryQueue(1, new Random(5));
    queue.putTenant(Tenant.of("A", 1_000_000));
    queue.putTenant(Tenant.of("B", 1));
    queue.offer(new PendingPod(PodKey.of("a", "big"), "A", 64));
    queue.offer(new PendingPod(PodKey.of("b", "small"), "B", 1));
    List<Admission> admitted =
        queue.admitAll(NOW, p -> p.cores() < 8 ? OptionalInt.of(p.cores()) : OptionalInt.empty());
    assertThat(admitted).extracting(a -> a.pod().tenant()).containsExactly("B");
  }

  @Test
  void invalidTenantsAreNeverDrawn() {
    LotteryQueue queue = new LotteryQueue(1, new Random(5));
    queue.putTenant(Tenant.of("zero", 0));
    queue.offer(new PendingPod(PodKey.of("z", "p"), "zero", 1));
    assertThat(queue.admitNext(NOW, p -> OptionalInt.of(1))).isEmpty();
  }
}
