package io.isocore.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.agent.telemetry.HeldCpus;
import io.isocore.api.v1alpha1.CpuHealth;
import io.isocore.api.v1alpha1.IsolationProfileSpec;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.profile.ProbeSchedule;
import io.isocore.core.profile.ProfileRules;
import io.isocore.mapping.profile.IsolationProfiles;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The probe's bookkeeping with an injected clock and a fake pinning: no real spinning. */
class JitterProbeTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** A wall clock tests move by hand. */
  static final class MovableClock extends Clock {
    Instant now = T0;

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** Records pins; refuses CPUs listed in {@code refused}. */
  static final class FakePinning implements Pinning {
    final List<CpuSet> pins = new ArrayList<>();
    CpuSet current = CpuSet.of(0, 1);
    CpuSet refused = CpuSet.empty();

    @Override
    public CpuSet current() {
      return current;
    }

    @Override
    public void pin(CpuSet cpus) {
      if (cpus.intersects(refused)) {
        throw new AffinityException("sched_setaffinity(0, " + cpus + ")", 22);
      }
      pins.add(cpus);
      current = cpus;
    }
  }

  private final MovableClock wall = new MovableClock();
  private final FakePinning pinning = new FakePinning();
  private final AtomicReference<CpuSet> held = new AtomicReference<>(CpuSet.empty());
  private final List<Runnable> heldListeners = new ArrayList<>();
  private final AtomicLong gcCount = new AtomicLong();
  private final AtomicLong heldReads = new AtomicLong();
  private final AtomicLong irqs = new AtomicLong(1_000);
  private final ProbeResults results = new ProbeResults();
  private final List<ProbeWindow> windows = new ArrayList<>();
  private final List<Long> recordedCounts = new ArrayList<>();
  private ProbeSchedule schedule =
      new ProbeSchedule(true, Duration.ofSeconds(300), Duration.ofMillis(1), 1_000);
  private OptionalLong quarantine = OptionalLong.of(40_000);
  private CpuSet isolated = CpuSet.parse("2-3");

  private final HeldCpus heldCpus =
      new HeldCpus() {
        @Override
        public CpuSet held() {
          heldReads.incrementAndGet();
          return held.get();
        }

        @Override
        public void addListener(Runnable onChange) {
          heldListeners.add(onChange);
        }
      };

  private JitterProbe probe(StepClock clock) {
    return new JitterProbe(
        new JitterProbe.Inputs(
            () -> Optional.of(new ProbePlan(isolated, schedule, quarantine)),
            heldCpus,
            pinning,
            clock,
            wall,
            cpu -> irqs.getAndAdd(500),
            gcCount::get),
        results,
        List.of(
            (w, h, q) -> {
              windows.add(w);
              recordedCounts.add(h.getTotalCount());
            }),
        Duration.ZERO,
        Duration.ZERO);
  }

  @Test
  void runsOneWindowOnTheFirstUnheldIsolatedCpuAndGoesHome() {
    held.set(CpuSet.of(2));
    StepClock clock = new StepClock(20).gapAt(1_000, 5_000).gapAt(2_000, 50_000);
    JitterProbe p = probe(clock);

    assertThat(p.step()).isZero();

    assertThat(pinning.pins).containsExactly(CpuSet.of(3), CpuSet.of(0, 1));
    assertThat(windows).hasSize(1);
    ProbeWindow w = windows.get(0);
    assertThat(w.cpu()).isEqualTo(3);
    assertThat(w.gaps()).isEqualTo(2);
    assertThat(w.maxGapNanos()).isEqualTo(50_020);
    assertThat(w.p9999Nanos()).isBetween(50_000L, 50_100L);
    assertThat(w.minPeriodNanos()).isEqualTo(20);
    assertThat(w.end()).isEqualTo(T0);
    // 500 interrupts over the measured elapsed time
    assertThat(w.interruptsPerSecond())
        .isCloseTo(500 / (w.elapsedNanos() / 1e9), org.assertj.core.data.Offset.offset(1.0));
    assertThat(recordedCounts).containsExactly(2L);

    CpuHealth health = results.cpuHealth().get(0);
    assertThat(health.cpu()).isEqualTo(3);
    assertThat(health.jitterMaxNanoseconds()).isEqualTo(50_020);
    assertThat(health.quarantined()).isTrue(); // 50 µs > 40 µs quarantine threshold
    assertThat(results.quarantined()).isEqualTo(CpuSet.of(3));
    assertThat(health.windowEndTime()).isEqualTo("2026-01-01T00:00:00Z");
  }

  @Test
  void aCpuIsProbedAgainOnlyAfterTheInterval() {
    isolated = CpuSet.of(2);
    JitterProbe p = probe(new StepClock(20));
    p.step();
    wall.now = T0.plusSeconds(100);
    assertThat(p.step()).isEqualTo(Duration.ofSeconds(10)); // capped wait; 200 s until due
    assertThat(windows).hasSize(1);
    wall.now = T0.plusSeconds(300);
    p.step();
    assertThat(windows).hasSize(2);
  }

  @Test
  void anAllocationArrivingMidWindowStopsItAndNothingIsRecorded() {
    isolated = CpuSet.of(2);
    schedule = new ProbeSchedule(true, Duration.ofSeconds(300), Duration.ofSeconds(10), 1_000);
    quarantine = OptionalLong.empty();
    List<JitterProbe> self = new ArrayList<>();
    StepClock clock =
        new StepClock(20)
            .gapAt(500, 80_000)
            .actionAt(
                10_000,
                () -> {
                  held.set(CpuSet.of(2));
                  heldListeners.forEach(Runnable::run);
                });
    JitterProbe p = probe(clock);
    self.add(p);

    p.step();

    assertThat(clock.reads()).isLessThan(10_000 + 2L * JitterLoop.CHECK_EVERY);
    assertThat(windows).isEmpty();
    assertThat(results.cpuHealth()).isEmpty();
    assertThat(pinning.current).isEqualTo(CpuSet.of(0, 1));
    assertThat(p.currentCpu()).isEqualTo(-1);
    // still held: never started again
    wall.now = T0.plusSeconds(3600);
    p.step();
    assertThat(windows).isEmpty();
  }

  @Test
  void theWatchdogStopsAWindowWhoseCpuBecameHeldAndSleepsBetweenWindows() throws Exception {
    isolated = CpuSet.of(2);
    schedule = new ProbeSchedule(true, Duration.ofSeconds(300), Duration.ofSeconds(10), 1_000);
    quarantine = OptionalLong.empty();
    // CPU 2 becomes held with no listener call: only the watchdog's poll can see it.
    StepClock clock = new StepClock(20).actionAt(1_000_000, () -> held.set(CpuSet.of(2)));
    JitterProbe p = probe(clock);
    Thread watchdog =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    p.watchHeld(Duration.ofMillis(5));
                  } catch (InterruptedException e) {
                    // the test ends it
                  }
                });
    try {
      Thread.sleep(100);
      assertThat(heldReads.get()).as("no poll before any window").isZero();

      p.step();

      assertThat(windows).as("the window was stopped, not recorded").isEmpty();
      assertThat(clock.reads()).isLessThan(10_000_000_000L / 20);
      long afterWindow = heldReads.get();
      Thread.sleep(100);
      assertThat(heldReads.get()).as("no poll between windows").isEqualTo(afterWindow);
    } finally {
      watchdog.interrupt();
      watchdog.join(1_000);
    }
    assertThat(watchdog.isAlive()).isFalse();
  }

  @Test
  void preemptByTheEnforcementSideStopsTheWindow() {
    isolated = CpuSet.of(2);
    schedule = new ProbeSchedule(true, Duration.ofSeconds(300), Duration.ofSeconds(10), 1_000);
    quarantine = OptionalLong.empty();
    List<JitterProbe> self = new ArrayList<>();
    StepClock clock = new StepClock(20).actionAt(3_000, () -> self.get(0).preempt(CpuSet.of(2, 7)));
    JitterProbe p = probe(clock);
    self.add(p);
    p.step();
    assertThat(clock.reads()).isLessThan(3_000 + 2L * JitterLoop.CHECK_EVERY);
    assertThat(windows).isEmpty();
  }

  @Test
  void aWindowDuringWhichTheJvmCollectedGarbageIsDroppedAndRetriedSoon() {
    isolated = CpuSet.of(2);
    StepClock clock = new StepClock(20).actionAt(100, gcCount::incrementAndGet);
    JitterProbe p = probe(clock);
    p.step();
    assertThat(windows).isEmpty();
    wall.now = T0.plus(JitterProbe.GC_RETRY_AFTER).minusMillis(1);
    assertThat(p.step()).as("not due yet").isPositive();
    assertThat(windows).isEmpty();
    wall.now = T0.plus(JitterProbe.GC_RETRY_AFTER);
    p.step();
    assertThat(windows).hasSize(1);
  }

  @Test
  void aCpuTheKernelRefusesIsSkippedUntilTheNextInterval() {
    pinning.refused = CpuSet.of(2);
    JitterProbe p = probe(new StepClock(20));
    p.step();
    assertThat(windows).isEmpty();
    p.step();
    assertThat(windows).extracting(ProbeWindow::cpu).containsExactly(3);
  }

  @Test
  void noPlanOrDisabledMeansNoProbing() {
    schedule = new ProbeSchedule(false, Duration.ofSeconds(300), Duration.ofMillis(1), 1_000);
    quarantine = OptionalLong.empty();
    JitterProbe p = probe(new StepClock(20));
    assertThat(p.step()).isPositive();
    assertThat(pinning.pins).isEmpty();
  }

  @Test
  void aCpuLeavingTheIsolatedSetLosesItsHealthEntry() {
    JitterProbe p = probe(new StepClock(20));
    p.step();
    p.step();
    assertThat(results.cpuHealth()).extracting(CpuHealth::cpu).containsExactly(2, 3);
    isolated = CpuSet.of(3);
    p.step();
    assertThat(results.cpuHealth()).extracting(CpuHealth::cpu).containsExactly(3);
  }

  @Test
  void settingsFromTheProfileTakeTheCrdDefaults() {
    ProfileRules defaults =
        IsolationProfiles.resolve(
            "IsolationProfile p",
            new IsolationProfileSpec(null, "0", null, null, null, null, null, null, null));
    assertThat(defaults.probe()).isEqualTo(ProbeSchedule.DEFAULTS);
    assertThat(defaults.quarantineNanos()).isEmpty();
    assertThat(ProbeSchedule.DEFAULTS)
        .isEqualTo(new ProbeSchedule(true, Duration.ofSeconds(300), Duration.ofSeconds(10), 1000));
    ProfileRules s =
        IsolationProfiles.resolve(
            "IsolationProfile p",
            new IsolationProfileSpec(
                null,
                "0",
                null,
                null,
                null,
                null,
                null,
                new io.isocore.api.v1alpha1.JitterProbeSpec(null, 60, 5, 2_000L),
                100_000L));
    assertThat(s.probe())
        .isEqualTo(new ProbeSchedule(true, Duration.ofSeconds(60), Duration.ofSeconds(5), 2_000));
    assertThat(s.quarantineNanos()).isEqualTo(OptionalLong.of(100_000));
  }
}
