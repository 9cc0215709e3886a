package io.isocore.core.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isocore.core.cpu.CpuSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class HeldNoiseTrackerTest {

  /** 500 interrupts/s, 100 involuntary switches/s, 50 ms run-queue wait per s, for 30 s. */
  private static final Optional<HeldCpuSlo> SLO = HeldCpuSlo.of(500L, 100L, 50L, 30L);

  private static final NoiseSource ETH =
      new NoiseSource("45:eth0-rx-3", SourceKind.IRQ, 18_000, 0.07, 0.62, "correlation", "");
  private static final NoiseSource LOC =
      new NoiseSource("LOC", SourceKind.IRQ, 2_500, 0.006, 0.30, "correlation", "");
  private static final NoiseSource STRESS =
      new NoiseSource("stress-ng-cpu", SourceKind.THREAD, 0, 4.1, 0.9, "correlation", "");

  private static HeldCpuSample irqs(int cpu, double perSecond) {
    return new HeldCpuSample(
        cpu, perSecond, OptionalDouble.of(2), OptionalDouble.of(1), List.of(ETH, LOC));
  }

  /** Feeds 10 s windows from {@code fromSecond}; returns the end second. */
  private static long windows(
      HeldNoiseTracker t, long fromSecond, int count, HeldCpuSample... samples) {
    long s = fromSecond;
    for (int i = 0; i < count; i++) {
      Map<Integer, HeldCpuSample> byCpu = new java.util.HashMap<>();
      for (HeldCpuSample h : samples) {
        byCpu.put(h.cpu(), h);
      }
      t.observe(s * 1000, (s + 10) * 1000, byCpu, SLO);
      s += 10;
    }
    return s;
  }

  @Test
  void aBreachLastingForSecondsMakesTheCpuNoisyNamingKindFiguresAndTopSource() {
    HeldNoiseTracker t = new HeldNoiseTracker();
    windows(t, 0, 3, irqs(3, 1_840));

    HeldCpuVerdict v = t.verdicts().get(3);
    assertThat(v.noisy()).isTrue();
    assertThat(t.quarantined()).containsExactly(3);
    assertThat(v.breach().orElseThrow().message())
        .isEqualTo(
            "CPU 3: 1,840 interrupts/s (SLO 500) for 30 s; top source: 45:eth0-rx-3 (irq), 62%");
    NoisyCondition c = NoisyCondition.of(CpuSet.of(3), t.verdicts());
    assertThat(c.status()).isEqualTo("True");
    assertThat(c.reason()).isEqualTo("InterruptsAboveSlo");
    assertThat(c.message()).startsWith("CPU 3: 1,840 interrupts/s (SLO 500) for 30 s");
  }

  @Test
  void aShorterBreachIsNotNoisy() {
    HeldNoiseTracker t = new HeldNoiseTracker();
    long s = windows(t, 0, 2, irqs(3, 1_840));
    windows(t, s, 1, irqs(3, 200));
    windows(t, s + 10, 2, irqs(3, 1_840)); // a new breach starts from zero

    assertThat(t.verdicts().get(3).noisy()).isFalse();
    assertThat(t.quarantined()).isEmpty();
    NoisyCondition c = NoisyCondition.of(CpuSet.of(3), t.verdicts());
    assertThat(c.status()).isEqualTo("False");
    assertThat(c.reason()).isEqualTo("WithinSlo");
  }

  @Test
  void cleanForForSecondsClearsItAndTheMessageNamesWhatItWas() {
    HeldNoiseTracker t = new HeldNoiseTracker();
    long s = windows(t, 0, 3, irqs(3, 1_840));
    s = windows(t, s, 2, irqs(3, 100));
    assertThat(t.verdicts().get(3).noisy()).as("20 s clean is not 30 s").isTrue();
    s = windows(t, s, 1, irqs(3, 900)); // one breach restarts the clean spell
    s = windows(t, s, 2, irqs(3, 100));
    assertThat(t.verdicts().get(3).noisy()).isTrue();
    windows(t, s, 1, irqs(3, 100));

    assertThat(t.verdicts().get(3).noisy()).isFalse();
    assertThat(t.quarantined()).isEmpty();
    NoisyCondition c = NoisyCondition.of(CpuSet.of(3), t.verdicts());
    assertThat(c.status()).isEqualTo("False");
    assertThat(c.message())
        .isEqualTo(
            "CPUs 3 within the held-CPU noise SLO again; it was CPU 3: 1,840 interrupts/s (SLO"
                + " 500) for 30 s; top source: 45:eth0-rx-3 (irq), 62%");
  }

  @Test
  void theKindFurthestAboveItsLimitIsNamedWithTheThreadThatTookTheCpu() {
    HeldNoiseTracker t = new HeldNoiseTracker();
    HeldCpuSample s =
        new HeldCpuSample(
            2, 600, OptionalDouble.of(900), OptionalDouble.of(400), List.of(LOC, STRESS));
    windows(t, 0, 3, s);

    HeldNoiseBreach b = t.verdicts().get(2).breach().orElseThrow();
    assertThat(b.kind()).isEqualTo(HeldNoiseKind.INVOLUNTARY_SWITCHES); // 9x, wait 8x, irqs 1.2x
    assertThat(b.message())
        .isEqualTo(
            "CPU 2: 900 involuntary switches/s (SLO 100) for 30 s; top source: stress-ng-cpu"
                + " (thread), 90%");
    assertThat(NoisyCondition.of(CpuSet.of(2, 3), t.verdicts()).reason())
        .isEqualTo("InvoluntarySwitchesAboveSlo");
  }

  @Test
  void anUnmeasurableKindNeverBreaches() {
    HeldNoiseTracker t = new HeldNoiseTracker();
    windows(
        t,
        0,
        5,
        new HeldCpuSample(1, 10, OptionalDouble.empty(), OptionalDouble.empty(), List.of()));
    assertThat(t.verdicts().get(1).noisy()).isFalse();
  }

  @Test
  void aReleasedNoisyCpuStaysQuarantinedUntilAProbeWindowAfterTheReleaseSaysClean() {
    HeldNoiseTracker t = new HeldNoiseTracker();
    long s = windows(t, 0, 3, irqs(3, 1_840));
    t.observe(s * 1000, (s + 10) * 1000, Map.of(), SLO); // the pod left
    long released = (s + 10) * 1000;

    assertThat(t.quarantined()).containsExactly(3);
    assertThat(t.probedClean(3, released - 1)).as("window began while held").isFalse();
    assertThat(t.quarantined()).containsExactly(3);
    assertThat(t.probedClean(3, released + 5_000)).isTrue();
    assertThat(t.quarantined()).isEmpty();
    assertThat(t.verdicts()).doesNotContainKey(3);
  }

  @Test
  void withoutAnSloNothingIsNoisyOrQuarantined() {
    HeldNoiseTracker t = new HeldNoiseTracker();
    windows(t, 0, 3, irqs(3, 1_840));
    t.observe(40_000, 50_000, Map.of(3, irqs(3, 1_840)), Optional.empty());
    assertThat(t.quarantined()).isEmpty();
    assertThat(t.verdicts()).isEmpty();
  }

  @Test
  void anUnmeasuredAllocationIsUnknown() {
    NoisyCondition c = NoisyCondition.of(CpuSet.of(4, 5), Map.of());
    assertThat(c.status()).isEqualTo("Unknown");
    assertThat(c.reason()).isEqualTo("NotMeasured");
    assertThat(c.message()).contains("4-5");
  }

  @Test
  void sloFieldsAreCheckedNamingTheField() {
    assertThat(HeldCpuSlo.of(null, null, null, 30L)).isEmpty();
    assertThat(HeldCpuSlo.of(500L, null, null, null).orElseThrow().forSeconds()).isEqualTo(60);
    assertThatThrownBy(() -> HeldCpuSlo.of(500L, null, null, 5L))
        .hasMessageStartingWith("spec.heldCpuNoise.forSeconds is 5, expected 10 to 86400");
    assertThatThrownBy(() -> HeldCpuSlo.of(null, null, 1_500L, 30L))
        .hasMessageStartingWith(
            "spec.heldCpuNoise.maxRunQueueWaitMillisecondsPerSecond is 1500, expected 1 to 1000");
    assertThatThrownBy(() -> HeldCpuSlo.of(0L, null, null, 30L))
        .hasMessageContaining("maxInterruptsPerSecond is 0");
  }
}
