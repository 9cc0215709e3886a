package io.isocore.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/**
 * The noise SLO of a CPU a pod holds exclusively (no probe runs there): limits on what the agent
 * measures on it, and how long a breach must last. A held CPU above a limit for {@code forSeconds}
 * gets its CoreAllocation a {@code Noisy} condition and is quarantined for new placements until it
 * measures clean for as long (docs/noise.md).
 *
 * @param maxInterruptsPerSecond interrupts per second on the CPU, every interrupt line summed
 * @param maxInvoluntarySwitchesPerSecond the owner's involuntary context switches per second there
 * @param maxRunQueueWaitMillisecondsPerSecond milliseconds per second the owner's threads there
 *     wait on the run queue
 * @param forSeconds how long a breach, and then a clean spell, must last
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HeldCpuNoiseSpec(
    @JsonPropertyDescription(
            "Most interrupts per second on a held CPU, every /proc/interrupts line summed (a"
                + " ticking CPU sees about 250 LOC/s at HZ=250). Unset: not checked.")
        @Min(1)
        @Max(10000000)
        Long maxInterruptsPerSecond,
    @JsonPropertyDescription(
            "Most involuntary context switches per second of the owning container's threads on a"
                + " held CPU (another task took the CPU). Unset: not checked.")
        @Min(1)
        @Max(1000000)
        Long maxInvoluntarySwitchesPerSecond,
    @JsonPropertyDescription(
            "Most milliseconds per second the owning container's threads on a held CPU wait on"
                + " the run queue (schedstat). Unset: not checked.")
        @Min(1)
        @Max(1000)
        Long maxRunQueueWaitMillisecondsPerSecond,
    @JsonPropertyDescription(
            "Seconds a held CPU must stay above a limit to count as noisy, and then within every"
                + " limit to count as clean again. Measured in windows of about 10 s.")
        @Default("60")
        @Min(10)
        @Max(86400)
        Integer forSeconds) {}
