package io.isocore.agent.publish;

import io.isocore.api.v1alpha1.CpuHealth;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Merges the probe's cpuHealth with the entries of CPUs quarantined as noisy while held: a CPU in
 * both keeps the probe's figures and is quarantined; one only held-noisy gets its own entry. Pure.
 */
final class CpuHealthMerge {

  private CpuHealthMerge() {}

  /** The merged list, ordered by CPU id; {@code probe} unchanged when {@code held} is empty. */
  static List<CpuHealth> merge(List<CpuHealth> probe, List<CpuHealth> held) {
    if (held.isEmpty()) {
      return probe;
    }
    Map<Integer, CpuHealth> byCpu = new TreeMap<>();
    probe.forEach(h -> byCpu.put(h.cpu(), h));
    for (CpuHealth h : held) {
      byCpu.merge(
          h.cpu(),
          h,
          (p, n) ->
              Boolean.TRUE.equals(p.quarantined())
                  ? p
                  : new CpuHealth(
                      p.cpu(),
                      p.jitterMaxNanoseconds(),
                      p.jitterP9999Nanoseconds(),
                      p.interruptsPerSecond(),
                      p.windowEndTime(),
                      true,
                      p.topNoiseSources() == null ? n.topNoiseSources() : p.topNoiseSources()));
    }
    return List.copyOf(byCpu.values());
  }
}
