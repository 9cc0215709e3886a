package io.isocore.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.Map;

/**
 * Kernel and node settings that matter for latency.
 *
 * @param rtRuntimeMicroseconds kernel.sched_rt_runtime_us
 * @param rtPeriodMicroseconds kernel.sched_rt_period_us
 * @param timerFrequencyHz CONFIG_HZ where the kernel exposes it
 * @param transparentHugepages THP mode
 * @param irqbalanceRunning whether irqbalance runs
 * @param kubeletCpuManagerPolicy the kubelet CPU manager policy, if readable
 * @param cpuFrequencyGovernors governor name to CPU list
 * @param cpuidleStates idle state names, deepest last
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeEnvironment(
    @JsonPropertyDescription(
            "kernel.sched_rt_runtime_us; -1 disables RT throttling. With the default 950000 a"
                + " SCHED_FIFO busy loop loses about 50 ms every second.")
        Long rtRuntimeMicroseconds,
    @JsonPropertyDescription("kernel.sched_rt_period_us.") Long rtPeriodMicroseconds,
    @JsonPropertyDescription("Timer frequency (CONFIG_HZ) where the kernel exposes it.")
        Integer timerFrequencyHz,
    @JsonPropertyDescription("Transparent hugepages mode: always, madvise or never.")
        @Size(max = 16)
        String transparentHugepages,
    @JsonPropertyDescription("True when irqbalance runs; it undoes IRQ steering.")
        Boolean irqbalanceRunning,
    @JsonPropertyDescription(
            "Kubelet CPU manager policy from its state file; static fights isocore over cpusets.")
        @Size(max = 32)
        String kubeletCpuManagerPolicy,
    @JsonPropertyDescription("CPU frequency governor name to the CPUs using it (list format).")
        Map<String, String> cpuFrequencyGovernors,
    @JsonPropertyDescription("cpuidle state names of CPU 0, shallowest first.")
        java.util.List<String> cpuidleStates) {}
