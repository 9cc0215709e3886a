package io.isocore.core.audit;

import io.isocore.core.cpu.CpuSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Node settings that affect latency, as the agent read them; empty where unreadable.
 *
 * @param rtRuntimeMicroseconds {@code kernel.sched_rt_runtime_us} (-1: no RT throttling)
 * @param rtPeriodMicroseconds {@code kernel.sched_rt_period_us}
 * @param timerFrequencyHz {@code CONFIG_HZ}, where the kernel exposes it
 * @param tickMode the kernel's tick mode from its build configuration: {@code nohz_full} ({@code
 *     CONFIG_NO_HZ_FULL}), {@code nohz_idle} or {@code periodic}; empty where not exposed
 * @param transparentHugepages the selected THP mode: {@code always}, {@code madvise} or {@code
 *     never}
 * @param cpuFrequencyGovernors governor name to the CPUs using it
 * @param cpuidleStates the cpuidle state names of the first CPU, shallowest first
 * @param irqbalanceRunning whether an irqbalance process runs
 * @param kubeletCpuManagerPolicy the kubelet CPU manager policy from its state file
 */
public record EnvironmentState(
    OptionalLong rtRuntimeMicroseconds,
    OptionalLong rtPeriodMicroseconds,
    OptionalInt timerFrequencyHz,
    Optional<String> tickMode,
    Optional<String> transparentHugepages,
    Map<String, CpuSet> cpuFrequencyGovernors,
    List<String> cpuidleStates,
    Optional<Boolean> irqbalanceRunning,
    Optional<String> kubeletCpuManagerPolicy) {

  /** Copies the collections; governors are kept sorted by name. */
  public EnvironmentState {
    cpuFrequencyGovernors = Map.copyOf(new TreeMap<>(cpuFrequencyGovernors));
    cpuidleStates = List.copyOf(cpuidleStates);
  }

  /** Nothing known. */
  public static EnvironmentState unknown() {
    return new EnvironmentState(
        OptionalLong.empty(),
        OptionalLong.empty(),
        OptionalInt.empty(),
        Optional.empty(),
        Optional.empty(),
        Map.of(),
        List.of(),
        Optional.empty(),
        Optional.empty());
  }

  /**
   * Milliseconds per second a SCHED_FIFO busy loop loses to RT throttling: {@code (period -
   * runtime) / period * 1000}; 0 when throttling is off ({@code runtime = -1}) or unknown.
   */
  public double rtThrottleMillisPerSecond() {
    if (rtRuntimeMicroseconds.isEmpty() || rtPeriodMicroseconds.isEmpty()) {
      return 0;
    }
    long runtime = rtRuntimeMicroseconds.getAsLong();
    long period = rtPeriodMicroseconds.getAsLong();
    if (runtime < 0 || period <= 0 || runtime >= period) {
      return 0;
    }
    return (period - runtime) * 1000.0 / period;
  }
}
