package io.isocore.core.noise;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Tracks held CPUs against their {@link HeldCpuSlo} over consecutive measurement windows.
 *
 * <p>A CPU becomes {@link HeldCpuVerdict.State#NOISY} when every window for at least {@code
 * forSeconds} breached a limit (the kind with the largest value/limit ratio is named), and becomes
 * clean again only after {@code forSeconds} of clean windows: a CPU at its limit does not flap. A
 * noisy CPU stays noisy (quarantined) when its pod leaves, until a probe window that started after
 * it was released says clean ({@link #probedClean}) or it is held and measured clean again. Not
 * thread-safe; one caller drives it.
 */
public final class HeldNoiseTracker {

  private static final class CpuState {
    long breachStart = -1;
    long cleanStart = -1;
    long releasedAt = -1;
    HeldNoiseBreach noisy;
    HeldNoiseBreach last;
  }

  private final Map<Integer, CpuState> cpus = new HashMap<>();

  /**
   * Folds one window into the states.
   *
   * @param startMillis when the window started (epoch ms)
   * @param endMillis when it ended
   * @param samples what it measured on each CPU held throughout it, by CPU
   * @param slo the SLO; empty forgets every state (no SLO: nothing is noisy or quarantined)
   */
  public void observe(
      long startMillis,
      long endMillis,
      Map<Integer, HeldCpuSample> samples,
      Optional<HeldCpuSlo> slo) {
    if (slo.isEmpty()) {
      cpus.clear();
      return;
    }
    long forMillis = slo.get().forSeconds() * 1000;
    for (HeldCpuSample sample : samples.values()) {
      CpuState st = cpus.computeIfAbsent(sample.cpu(), c -> new CpuState());
      st.releasedAt = -1;
      Optional<HeldNoiseKind> worst = worst(sample, slo.get());
      if (worst.isPresent()) {
        st.cleanStart = -1;
        if (st.breachStart < 0) {
          st.breachStart = startMillis;
        }
        if (st.noisy == null && endMillis - st.breachStart >= forMillis) {
          HeldNoiseKind kind = worst.get();
          st.noisy =
              new HeldNoiseBreach(
                  sample.cpu(),
                  kind,
                  sample.value(kind).orElse(0),
                  slo.get().limit(kind).orElse(0),
                  Math.round((endMillis - st.breachStart) / 1000.0),
                  sample.topSourceFor(kind));
        }
      } else {
        st.breachStart = -1;
        if (st.noisy != null) {
          if (st.cleanStart < 0) {
            st.cleanStart = startMillis;
          }
          if (endMillis - st.cleanStart >= forMillis) {
            st.last = st.noisy;
            st.noisy = null;
            st.cleanStart = -1;
          }
        }
      }
    }
    for (var it = cpus.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      if (samples.containsKey(e.getKey())) {
        continue;
      }
      CpuState st = e.getValue();
      if (st.noisy == null) {
        it.remove(); // no longer held and clean: nothing to remember
      } else {
        st.breachStart = -1;
        st.cleanStart = -1;
        if (st.releasedAt < 0) {
          st.releasedAt = endMillis;
        }
      }
    }
  }

  /**
   * A probe window ran on a CPU no pod holds and found it clean (not above the probe's quarantine
   * threshold, and its interrupt rate within the SLO's): a noisy CPU released before the window
   * started is clean again.
   *
   * @return whether the CPU was released from quarantine
   */
  public boolean probedClean(int cpu, long windowStartMillis) {
    CpuState st = cpus.get(cpu);
    if (st == null || st.noisy == null || st.releasedAt < 0 || windowStartMillis < st.releasedAt) {
      return false;
    }
    cpus.remove(cpu);
    return true;
  }

  /** Each tracked CPU's verdict, by CPU. */
  public Map<Integer, HeldCpuVerdict> verdicts() {
    Map<Integer, HeldCpuVerdict> out = new TreeMap<>();
    cpus.forEach(
        (cpu, st) ->
            out.put(
                cpu,
                st.noisy != null
                    ? new HeldCpuVerdict(cpu, HeldCpuVerdict.State.NOISY, Optional.of(st.noisy))
                    : new HeldCpuVerdict(
                        cpu, HeldCpuVerdict.State.CLEAN, Optional.ofNullable(st.last))));
    return out;
  }

  /** The CPUs quarantined for new placements: noisy, held or not. */
  public Set<Integer> quarantined() {
    Set<Integer> out = new TreeSet<>();
    cpus.forEach(
        (cpu, st) -> {
          if (st.noisy != null) {
            out.add(cpu);
          }
        });
    return out;
  }

  /** The kind furthest above its limit (largest value/limit), when any is above. */
  static Optional<HeldNoiseKind> worst(HeldCpuSample sample, HeldCpuSlo slo) {
    return slo.limits().entrySet().stream()
        .filter(e -> sample.value(e.getKey()).isPresent())
        .filter(e -> sample.value(e.getKey()).getAsDouble() > e.getValue())
        .max(Comparator.comparingDouble(e -> sample.value(e.getKey()).getAsDouble() / e.getValue()))
        .map(Map.Entry::getKey);
  }
}
