package io.isocore.core.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NoiseAttributionTest {

  private static final long SECOND = 1_000_000_000L;

  private static NoiseSource named(CpuNoiseReport r, String name) {
    return r.sources().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  /*
   * CPU1 over the recorded second: LOC +340, RES +37, CAL +45, IRQ 31 +1, IRQ 42 +1; softirqs
   * TIMER +10, SCHED +48, RCU +37; steal +1 tick. Weights (ns): steal 10,000,000 (exact), LOC
   * 850,000, SCHED 144,000, RCU 111,000, CAL 90,000, RES 37,000, TIMER 20,000, two devices 4,000
   * each: 11,260,000 in all.
   */
  @Test
  void recordedWindowIsACorrelationWithStealExactAndOtherBounded() {
    CpuNoiseReport r =
        NoiseAttribution.attribute(
            NoiseFixtures.snapshot("start", 0, false),
            NoiseFixtures.snapshot("end", SECOND, false),
            1,
            new NoiseAttribution.Probe(100, 1_000_000),
            Optional.empty(),
            Set.of(),
            3);
    assertThat(r.method()).isEqualTo("correlation");
    assertThat(r.gaps()).isEqualTo(100);
    assertThat(r.windowSeconds()).isEqualTo(1.0);
    assertThat(r.sources())
        .extracting(NoiseSource::name)
        .containsExactly("steal", "LOC", "SCHED", "other");
    NoiseSource steal = r.sources().get(0);
    assertThat(steal.method()).isEqualTo("exact");
    assertThat(steal.seconds()).isEqualTo(0.01);
    assertThat(steal.share()).isCloseTo(10_000_000 / 11_260_000.0, within(1e-9));
    NoiseSource loc = r.sources().get(1);
    assertThat(loc.kind()).isEqualTo(SourceKind.IRQ);
    assertThat(loc.events()).isEqualTo(340);
    assertThat(loc.method()).isEqualTo("correlation");
    assertThat(loc.share()).isCloseTo(850_000 / 11_260_000.0, within(1e-9));
    // correlation spreads the probe's measured gap time by share
    assertThat(loc.seconds()).isCloseTo(loc.share() * 0.001, within(1e-12));
    assertThat(loc.fix()).contains("nohz_full");
    NoiseSource other = r.sources().get(3);
    assertThat(other.kind()).isEqualTo(SourceKind.OTHER);
    assertThat(other.events()).isEqualTo(37 + 45 + 1 + 1 + 10 + 37);
    assertThat(other.share()).isCloseTo(266_000 / 11_260_000.0, within(1e-9));
    assertThat(r.sources().stream().mapToDouble(NoiseSource::share).sum())
        .isCloseTo(1.0, within(1e-9));
  }

  @Test
  void irqTimeAccountingMakesTheIrqAndSoftirqTotalsExact() {
    NoiseSnapshot s = NoiseFixtures.snapshot("start", 0, true);
    NoiseSnapshot e = NoiseFixtures.snapshot("end", SECOND, true);
    // one tick of hard and one of soft IRQ time on CPU1, no steal
    s = withTimes(s, new CpuTimes(1, 0, 5525, 4761));
    e = withTimes(e, new CpuTimes(1, 1, 5526, 4761));
    CpuNoiseReport r =
        NoiseAttribution.attribute(
            s, e, 1, NoiseAttribution.Probe.NONE, Optional.empty(), Set.of(), 20);
    assertThat(r.method()).isEqualTo("exact");
    assertThat(r.gaps()).isEqualTo(-1);
    double irqSeconds =
        r.sources().stream()
            .filter(x -> x.kind() == SourceKind.IRQ)
            .mapToDouble(NoiseSource::seconds)
            .sum();
    assertThat(irqSeconds).isCloseTo(0.01, within(1e-12));
    // the tick of hard IRQ time is split by events x cost: LOC 850,000 of 985,000
    assertThat(named(r, "LOC").seconds()).isCloseTo(0.01 * 850_000 / 985_000, within(1e-12));
    assertThat(named(r, "LOC").share()).isCloseTo(0.5 * 850_000 / 985_000, within(1e-9));
    assertThat(named(r, "RCU").method()).isEqualTo("exact");
  }

  private static NoiseSnapshot withTimes(NoiseSnapshot s, CpuTimes cpu1) {
    return new NoiseSnapshot(
        s.monotonicNanos(),
        s.interrupts(),
        s.softirqs(),
        Map.of(1, cpu1),
        s.tasks(),
        s.irqTimeAccounted());
  }

  @Test
  void osnoiseEventsAreExactAndWinOverCounters() {
    OsnoiseTrace.CpuNoise o =
        OsnoiseTrace.parse("trace", NoiseFixtures.read("osnoise-trace.txt")).get(1);
    CpuNoiseReport r =
        NoiseAttribution.attribute(
            NoiseFixtures.snapshot("start", 0, false),
            NoiseFixtures.snapshot("end", SECOND, false),
            1,
            new NoiseAttribution.Probe(6, 20_000),
            Optional.of(o),
            Set.of(),
            3);
    assertThat(r.method()).isEqualTo("exact");
    assertThat(r.sources())
        .extracting(NoiseSource::name)
        .containsExactly("kworker/1:1", "42:virtio3-tx", "LOC", "other");
    assertThat(r.sources()).extracting(NoiseSource::method).containsOnly("exact");
    assertThat(r.sources().get(0).share()).isCloseTo(8300 / 20_000.0, within(1e-9));
    assertThat(r.sources().get(0).seconds()).isCloseTo(8.3e-6, within(1e-15));
    assertThat(r.sources().get(0).fix()).contains("workqueue/cpumask");
    assertThat(r.sources().get(1).fix()).startsWith("steer IRQ 42 off this CPU");
    assertThat(r.sources().get(2).events()).isEqualTo(2);
    assertThat(r.sources().get(3).share()).isCloseTo(4000 / 20_000.0, within(1e-9));
  }

  @Test
  void threadsThatRanOnTheCpuCountByRunTimeLeavingOutTheProbeAndReusedTids() {
    NoiseSnapshot s =
        tasks(
            0,
            List.of(
                new TaskSample(10, 5, "noisy", 1, 1_000, -1),
                new TaskSample(11, 5, "probe", 1, 0, -1),
                new TaskSample(12, 5, "elsewhere", 0, 0, -1),
                new TaskSample(14, 5, "old", 1, 9_000_000, -1)));
    NoiseSnapshot e =
        tasks(
            SECOND,
            List.of(
                new TaskSample(10, 5, "noisy", 1, 5_001_000, -1),
                new TaskSample(11, 5, "probe", 1, 900_000_000, -1),
                new TaskSample(12, 5, "elsewhere", 0, 50_000_000, -1),
                new TaskSample(13, 7, "new", 1, 2_000, -1),
                new TaskSample(14, 8, "reused", 1, 3_000, -1)));
    CpuNoiseReport r =
        NoiseAttribution.attribute(
            s, e, 1, NoiseAttribution.Probe.NONE, Optional.empty(), Set.of(11L), 5);
    assertThat(r.sources()).extracting(NoiseSource::name).containsExactly("noisy", "reused", "new");
    assertThat(r.sources()).extracting(NoiseSource::kind).containsOnly(SourceKind.THREAD);
    assertThat(r.sources().get(0).seconds()).isCloseTo(0.005, within(1e-12));
    assertThat(r.sources().get(0).fix()).contains("exclusive");
  }

  private static NoiseSnapshot tasks(long nanos, List<TaskSample> list) {
    Map<Long, TaskSample> byTid = new java.util.HashMap<>();
    list.forEach(t -> byTid.put(t.tid(), t));
    return new NoiseSnapshot(nanos, CounterTable.EMPTY, CounterTable.EMPTY, Map.of(), byTid, false);
  }

  @Test
  void topNIsBoundedAndAtLeastOne() {
    CpuNoiseReport r =
        NoiseAttribution.attribute(
            NoiseFixtures.snapshot("start", 0, false),
            NoiseFixtures.snapshot("end", SECOND, false),
            0,
            NoiseAttribution.Probe.NONE,
            Optional.empty(),
            Set.of(),
            1);
    assertThat(r.sources()).hasSize(2);
    assertThat(r.sources().get(1).name()).isEqualTo("other");
    assertThatThrownBy(
            () ->
                NoiseAttribution.attribute(
                    NoiseFixtures.snapshot("start", 0, false),
                    NoiseFixtures.snapshot("end", SECOND, false),
                    0,
                    NoiseAttribution.Probe.NONE,
                    Optional.empty(),
                    Set.of(),
                    0))
        .hasMessage("topN must be at least 1, got 0");
  }

  @Test
  void fixesNameTheKnobForEachKnownKind() {
    assertThat(NoiseFixes.fix(SourceKind.SOFTIRQ, "RCU", false)).contains("rcu_nocbs");
    assertThat(NoiseFixes.fix(SourceKind.IRQ, "LOC", false)).contains("nohz_full");
    assertThat(NoiseFixes.fix(SourceKind.IRQ, "36:virtio1-req.0", true))
        .contains("/proc/irq/36/smp_affinity_list")
        .contains("irqbalance");
    assertThat(NoiseFixes.fix(SourceKind.THREAD, "irqbalance", false)).contains("stop it");
    assertThat(NoiseFixes.fix(SourceKind.THREAD, "java", false)).contains("exclusive");
    assertThat(NoiseFixes.fix(SourceKind.OTHER, "other", false)).isEmpty();
  }
}
