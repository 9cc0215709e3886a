package io.isocore.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.core.cpu.CpuSet;
import io.isocore.core.profile.ProbeSchedule;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * One real window on this machine: real pinning through FFM, the real clock, a real CPU. Checks the
 * plumbing, not the figures (those are benchmarks): the window ran on the planned CPU, measured
 * loop iterations, and the thread went back to its original CPUs.
 */
class JitterProbeKernelTest {

  @Test
  void aShortRealWindowOnTheLastCpu() throws Exception {
    List<ProbeWindow> windows = new ArrayList<>();
    AtomicReference<CpuSet> seenDuringWindow = new AtomicReference<>();
    AtomicReference<CpuSet> home = new AtomicReference<>();
    AtomicReference<CpuSet> after = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread t =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    home.set(Affinity.currentThread());
                    int cpu = home.get().last();
                    ProbeSchedule schedule =
                        new ProbeSchedule(
                            true, Duration.ofSeconds(300), Duration.ofMillis(200), 1_000);
                    JitterProbe probe =
                        new JitterProbe(
                            new JitterProbe.Inputs(
                                () ->
                                    Optional.of(
                                        new ProbePlan(
                                            CpuSet.of(cpu), schedule, OptionalLong.empty())),
                                CpuSet::empty,
                                Pinning.LIBC,
                                System::nanoTime,
                                Clock.systemUTC(),
                                c -> -1,
                                () -> 0),
                            new ProbeResults(),
                            List.of(
                                (w, h, q) -> {
                                  windows.add(w);
                                  seenDuringWindow.set(Affinity.currentThread());
                                }),
                            Duration.ofMillis(100),
                            Duration.ZERO);
                    probe.step();
                    after.set(Affinity.currentThread());
                  } catch (Throwable e) {
                    failure.set(e);
                  }
                });
    t.join();
    assertThat(failure.get()).isNull();
    assertThat(windows).hasSize(1);
    ProbeWindow w = windows.get(0);
    assertThat(w.cpu()).isEqualTo(home.get().last());
    assertThat(seenDuringWindow.get()).isEqualTo(CpuSet.of(w.cpu()));
    assertThat(after.get()).isEqualTo(home.get());
    assertThat(w.iterations()).isPositive();
    assertThat(w.minPeriodNanos()).isLessThan(1_000);
    assertThat(w.elapsedNanos()).isGreaterThanOrEqualTo(200_000_000L);
    assertThat(w.maxGapNanos() == 0).isEqualTo(w.gaps() == 0);
    assertThat(w.interruptsPerSecond()).isNegative(); // unknown in this test
  }
}
