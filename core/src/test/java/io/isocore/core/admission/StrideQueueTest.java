package io.isocore.core.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isocore.core.pod.PodKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StrideQueueTest {

  private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  private static final PlacementAttempt ALWAYS_FITS = pod -> OptionalInt.of(pod.cores());

  private int counter;

  private PendingPod pod(String tenant, int cores) {
    return new PendingPod(PodKey.of(tenant, "p" + counter++), tenant, cores);
  }

  private String admitSequence(AdmissionQueue queue, int n) {
    StringBuilder order = new StringBuilder();
    for (int i = 0; i < n; i++) {
      order.append(queue.admitNext(NOW, ALWAYS_FITS).orElseThrow().pod().tenant());
    }
    return order.toString();
  }

  @Test
  void knownTicketsGiveAKnownOrder() {
    StrideQueue queue = new StrideQueue(1);
    queue.putTenant(Tenant.of("A", 3));
    queue.putTenant(Tenant.of("B", 2));
    queue.putTenant(Tenant.of("C", 1));
    for (int i = 0; i < 12; i++) {
      queue.offer(pod("A", 1));
      queue.offer(pod("B", 1));
      queue.offer(pod("C", 1));
    }
    assertThat(admitSequence(queue, 12)).isEqualTo("ABABACABABAC");
  }

  @Test
  void passAdvancesByStrideTimesCores() {
    StrideQueue queue = new StrideQueue(1);
    queue.putTenant(Tenant.of("A", 4));
    queue.offer(pod("A", 3));
    Admission admission = queue.admitNext(NOW, ALWAYS_FITS).orElseThrow();
    assertThat(admission.passBefore()).isZero();
    assertThat(queue.pass("A")).isEqualTo(3 * (StrideQueue.STRIDE1 / 4));
  }

  @Test
  void inASteadyStreamEachTenantStaysWithinOnePodOfItsShare() {
    Random random = new Random(42);
    StrideQueue queue = new StrideQueue(1);
    Map<String, Long> tickets = Map.of("A", 50L, "B", 30L, "C", 15L, "D", 5L);
    tickets.forEach((name, t) -> queue.putTenant(Tenant.of(name, t)));
    int maxPodCores = 8;
    for (String name : tickets.keySet()) {
      for (int i = 0; i < 3; i++) {
        queue.offer(pod(name, 1 + random.nextInt(maxPodCores)));
      }
    }
    Map<String, Long> admitted = new HashMap<>();
    long total = 0;
    for (int i = 0; i < 5000; i++) {
      Admission admission = queue.admitNext(NOW, ALWAYS_FITS).orElseThrow();
      String tenant = admission.pod().tenant();
      admitted.merge(tenant, (long) admission.cores(), Long::sum);
      total += admission.cores();
      queue.offer(pod(tenant, 1 + random.nextInt(maxPodCores)));
      for (var entry : tickets.entrySet()) {
        double share = entry.getValue() / 100.0 * total;
        double error = admitted.getOrDefault(entry.getKey(), 0L) - share;
        assertThat(Math.abs(error))
            .as("tenant %s after %d admissions", entry.getKey(), i + 1)
            .isLessThanOrEqualTo(maxPodCores);
      }
    }
  }

  @Test
  void aTenantWhosePodsFitNowhereDoesNotBlockTheOthers() {
    StrideQueue queue = new StrideQueue(1);
    queue.putTenant(Tenant.of("A", 100));
    queue.putTenant(Tenant.of("B", 1));
    queue.offer(pod("A", 16));
    queue.offer(pod("B", 2));
    queue.offer(pod("B", 2));
    PlacementAttempt onlySmall =
        pod -> pod.cores() <= 4 ? OptionalInt.of(pod.cores()) : OptionalInt.empty();
    List<Admission> admitted = queue.admitAll(NOW, onlySmall);
    assertThat(admitted).extracting(a -> a.pod().tenant()).containsExactly("B", "B");
    assertThat(queue.pass("A")).isZero();
    assertThat(queue.pending("A")).hasSize(1);
  }

  @Test
  void withinATenantALaterPodThatFitsGoesWhenTheFirstDoesNot() {
    StrideQueue queue = new StrideQueue(1);
    queue.putTenant(Tenant.of("A", 1));
    PendingPod big = pod("A", 32);
    PendingPod small = pod("A", 2);
    queue.offer(big);
    queue.offer(small);
    Admission admission =
        queue
            .admitNext(NOW, p -> p.cores() <= 4 ? OptionalInt.of(p.cores()) : OptionalInt.empty())
            .orElseThrow();
    assertThat(admission.pod()).isEqualTo(small);
  }

  @Test
  void capsAreRespected() {
    StrideQueue queue = new StrideQueue(1);
    queue.putTenant(Tenant.of("A", 10).withMaxCores(4));
    queue.putTenant(Tenant.of("B", 1));
    for (int i = 0; i < 4; i++) {
      queue.offer(pod("A", 2));
      queue.offer(pod("B", 2));
    }
    List<Admission> admitted = queue.admitAll(NOW, ALWAYS_FITS);
    assertThat(admitted.stream().filter(a -> a.pod().tenant().equals("A")).count()).isEqualTo(2);
    assertThat(admitted.stream().filter(a -> a.pod().tenant().equals("B")).count()).isEqualTo(4);
    assertThat(queue.pending("A")).hasSize(2);
    queue.release("A", 2);
    assertThat(queue.admitNext(NOW, ALWAYS_FITS).orElseThrow().pod().tenant()).isEqualTo("A");
  }

  @Test
  void aTenantBecomingActiveStartsAtTheMinimumPassNotAtZero() {
    StrideQueue queue = new StrideQueue(1);
    queue.putTenant(Tenant.of("A", 1));
    queue.putTenant(Tenant.of("B", 1));
    queue.putTenant(Tenant.of("C", 1));
    for (int i = 0; i < 50; i++) {
      queue.offer(pod("B", 1));
      queue.offer(pod("C", 1));
    }
    admitSequence(queue, 60);
    long minPass = Math.min(queue.pass("B"), queue.pass("C"));
    assertThat(minPass).isEqualTo(30 * StrideQueue.STRIDE1);

    queue.offer(pod("A", 1));
    queue.offer(pod("A", 1));
    assertThat(queue.pass("A")).isEqualTo(minPass);
    // A does not catch up on the 60 admissions it sat out: it takes one in three.
    assertThat(admitSequence(queue, 6)).isEqualTo("ABCABC");
  }

  @Test
  void aTenantThatOverdrewKeepsItsPassWhenItComesBack() {
    StrideQueue queue = new StrideQueue(1);
    queue.putTenant(Tenant.of("A", 1));
    queue.putTenant(Tenant.of("B", 1));
    for (int i = 0; i < 20; i++) {
      queue.offer(pod("B", 1));
    }
    queue.offer(pod("A", 10));
    assertThat(admitSequence(queue, 2)).isEqualTo("BA");
    assertThat(queue.pending("A")).isEmpty();
    queue.offer(pod("A", 1));
    assertThat(queue.pass("A")).isEqualTo(10 * StrideQueue.STRIDE1);
    // B catches up on the 10 cores A took before A gets another pod.
    assertThat(admitSequence(queue, 10)).isEqualTo("BBBBBBBBBA");
  }

  @Test
  void workDoneAloneIsNoDebt() {
    StrideQueue queue = new StrideQueue(1);
    queue.putTenant(Tenant.of("A", 1));
    queue.putTenant(Tenant.of("B", 1));
    queue.offer(pod("A", 10));
    admitSequence(queue, 1);
    queue.offer(pod("B", 1));
    queue.offer(pod("A", 1));
    assertThat(queue.pass("B")).isEqualTo(queue.pass("A")).isEqualTo(queue.globalPass());
  }

  @Test
  void classicLowestPassSelectionIsAvailable() {
    StrideQueue queue = new StrideQueue(1, StrideQueue.Selection.LOWEST_PASS);
    queue.putTenant(Tenant.of("A", 3));
    queue.putTenant(Tenant.of("B", 2));
    queue.putTenant(Tenant.of("C", 1));
    for (int i = 0; i < 12; i++) {
      queue.offer(pod("A", 1));
      queue.offer(pod("B", 1));
      queue.offer(pod("C", 1));
    }
    assertThat(admitSequence(queue, 12)).isEqualTo("ABCABAABCABA");
  }

  @Test
  void aTenantWithZeroTicketsIsInvalidAndNothingOfItIsAdmitted() {
    StrideQueue queue = new StrideQueue(1);
    queue.putTenant(Tenant.of("zero", 0));
    queue.putTenant(Tenant.of("ok", 1));
    queue.offer(pod("zero", 1));
    queue.offer(pod("ok", 1));
    queue.offer(pod("nobody", 1));
    List<Admission> admitted = queue.admitAll(NOW, ALWAYS_FITS);
    assertThat(admitted).extracting(a -> a.pod().tenant()).containsExactly("ok");
    TenantStatus zero = queue.status("zero", NOW, 10).orElseThrow();
    assertThat(zero.invalidReason())
        .contains("tenant zero has 0 tickets; it needs at least 1 to be admitted");
    assertThat(zero.effectiveTickets()).isZero();
    assertThat(zero.entitledCores()).isZero();
    assertThat(zero.pendingPods()).isEqualTo(1);
    assertThat(queue.status("nobody", NOW, 10).orElseThrow().invalidReason())
        .contains("no LatencyTenant named nobody");
  }

  @Test
  void inflationRaisesTicketsInsideTheWindowBoundedByTheClusterMaximum() {
    InflationWindow window =
        new InflationWindow(
            8, Instant.parse("2026-11-24T13:30:00Z"), Instant.parse("2026-11-24T14:00:00Z"));
    Tenant allowed = Tenant.of("A", 10).withInflation(window, true);
    Tenant notAllowed = Tenant.of("B", 10).withInflation(window, false);
    Instant inside = Instant.parse("2026-11-24T13:45:00Z");
    assertThat(allowed.effectiveTickets(inside, 4)).isEqualTo(40);
    assertThat(allowed.effectiveTickets(inside, 100)).isEqualTo(80);
    assertThat(allowed.effectiveTickets(window.end(), 4)).isEqualTo(10);
    assertThat(allowed.effectiveTickets(window.start(), 4)).isEqualTo(40);
    assertThat(notAllowed.effectiveTickets(inside, 4)).isEqualTo(10);

    StrideQueue queue = new StrideQueue(4);
    queue.putTenant(allowed);
    queue.putTenant(notAllowed);
    for (int i = 0; i < 10; i++) {
      queue.offer(pod("A", 1));
      queue.offer(pod("B", 1));
    }
    StringBuilder order = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      order.append(queue.admitNext(inside, ALWAYS_FITS).orElseThrow().pod().tenant());
    }
    assertThat(order.toString()).isEqualTo("ABAAAABAAA");
    TenantStatus status = queue.status("A", inside, 100).orElseThrow();
    assertThat(status.inflationActive()).isTrue();
    assertThat(status.effectiveTickets()).isEqualTo(40);
    assertThat(status.entitledCores()).isEqualTo(80.0);
  }

  @Test
  void queueRejectsDuplicatesAndWithdrawsPods() {
    StrideQueue queue = new StrideQueue(1);
    queue.putTenant(Tenant.of("A", 1));
    PendingPod p = pod("A", 1);
    queue.offer(p);
    assertThatThrownBy(() -> queue.offer(p)).hasMessageContaining("already queued");
    assertThat(queue.withdraw(p.pod())).isTrue();
    assertThat(queue.isQueued(p.pod())).isFalse();
    assertThat(queue.admitNext(NOW, ALWAYS_FITS)).isEmpty();
    assertThat(queue.removeTenant("A")).isEmpty();
    assertThat(queue.tenants()).isEmpty();
  }

  @Test
  void statusReportsAllocatedPendingAndEntitledCores() {
    StrideQueue queue = new StrideQueue(1);
    queue.putTenant(Tenant.of("A", 3));
    queue.putTenant(Tenant.of("B", 1));
    queue.putTenant(Tenant.of("idle", 5));
    queue.charge("A", 6);
    queue.offer(pod("B", 2));
    List<TenantStatus> statuses = queue.statuses(NOW, 100);
    assertThat(statuses).extracting(TenantStatus::name).containsExactly("A", "B", "idle");
    assertThat(statuses.get(0).allocatedCores()).isEqualTo(6);
    assertThat(statuses.get(0).entitledCores()).isEqualTo(75.0);
    assertThat(statuses.get(1).entitledCores()).isEqualTo(25.0);
    assertThat(statuses.get(1).pendingPods()).isEqualTo(1);
    assertThat(statuses.get(2).entitledCores()).isZero();
    assertThat(Set.copyOf(queue.tenants())).containsExactlyInAnyOrder("A", "B", "idle");
  }

  @Test
  void sameInputsGiveTheSameAdmissions() {
    assertThat(run()).isEqualTo(run());
  }

  private List<String> run() {
    StrideQueue queue = new StrideQueue(2);
    Random random = new Random(7);
    List<String> names = List.of("a", "b", "c");
    for (int i = 0; i < 3; i++) {
      queue.putTenant(Tenant.of(names.get(i), 1 + i * 2L));
    }
    List<String> order = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String tenant = names.get(random.nextInt(3));
      queue.offer(new PendingPod(PodKey.of(tenant, "x" + i), tenant, 1 + random.nextInt(4)));
      queue
          .admitNext(
              NOW, p -> random.nextInt(5) == 0 ? OptionalInt.empty() : OptionalInt.of(p.cores()))
          .ifPresent(a -> order.add(a.pod().pod().toString()));
    }
    return order;
  }

  @Test
  void passesAreRebasedBeforeTheyOverflowAndTheOrderSurvives() {
    StrideQueue queue = new StrideQueue(1);
    queue.putTenant(Tenant.of("A", 1));
    queue.putTenant(Tenant.of("B", 1));
    StringBuilder order = new StringBuilder();
    // Each admission adds 2^40 x 1000 to a pass: 2^61 is passed after about 2,100 of them.
    for (int i = 0; i < 6000; i++) {
      queue.offer(pod("A", 1000));
      queue.offer(pod("B", 1000));
      order.append(queue.admitNext(NOW, ALWAYS_FITS).orElseThrow().pod().tenant());
      order.append(queue.admitNext(NOW, ALWAYS_FITS).orElseThrow().pod().tenant());
      assertThat(queue.pass("A")).isBetween(0L, 1L << 62);
      assertThat(queue.pass("B")).isBetween(0L, 1L << 62);
    }
    assertThat(order.toString()).isEqualTo("AB".repeat(6000));
  }
}
