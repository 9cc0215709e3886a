package io.isocore.agent.probe;

import io.isocore.api.v1alpha1.CpuHealth;
import io.isocore.api.v1alpha1.NoiseSourceShare;
import io.isocore.core.cpu.CpuSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;

/**
 * The last completed window of every probed CPU, readable from any thread: the NodeTopology
 * publisher reads it as {@link CpuHealthSource}, the metrics read the quarantined set.
 */
public final class ProbeResults implements CpuHealthSource {

  private record Entry(ProbeWindow window, boolean quarantined) {}

  private final Map<Integer, Entry> last = new ConcurrentSkipListMap<>();
  private volatile Function<Integer, List<NoiseSourceShare>> noise = cpu -> null;

  /**
   * Where each CPU's top noise sources come from (the agent's noise attribution, when it runs);
   * {@link #cpuHealth} carries them beside the probe's figures.
   */
  public void noiseSources(Function<Integer, List<NoiseSourceShare>> source) {
    this.noise = source;
  }

  /**
   * Stores a completed window and returns whether its CPU is now quarantined: its max gap exceeds
   * the profile's quarantine threshold.
   */
  public boolean record(ProbeWindow window, OptionalLong quarantineNanos) {
    boolean quarantined =
        quarantineNanos.isPresent() && window.maxGapNanos() > quarantineNanos.getAsLong();
    last.put(window.cpu(), new Entry(window, quarantined));
    return quarantined;
  }

  /** Forgets CPUs that are no longer isolated (their health would be stale). */
  void retainOnly(CpuSet isolated) {
    last.keySet().removeIf(cpu -> !isolated.contains(cpu));
  }

  /** Returns the CPUs whose last window put them above the quarantine threshold. */
  public CpuSet quarantined() {
    return CpuSet.of(
        last.entrySet().stream()
            .filter(e -> e.getValue().quarantined())
            .map(Map.Entry::getKey)
            .toList());
  }

  /** Returns the last window of every probed CPU, ordered by CPU id. */
  public List<ProbeWindow> lastWindows() {
    return last.values().stream().map(Entry::window).toList();
  }

  @Override
  public List<CpuHealth> cpuHealth() {
    return last.values().stream()
        .map(
            e ->
                new CpuHealth(
                    e.window().cpu(),
                    e.window().maxGapNanos(),
                    e.window().p9999Nanos(),
                    e.window().interruptsPerSecond() < 0 ? null : e.window().interruptsPerSecond(),
                    e.window().end().toString(),
                    e.quarantined(),
                    noise.apply(e.window().cpu())))
        .toList();
  }
}
