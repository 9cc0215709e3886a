package io.isocore.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * One CPU's last jitter window and interrupt rate.
 *
 * @param cpu the CPU id
 * @param jitterMaxNanoseconds the longest interruption in the last probe window
 * @param jitterP9999Nanoseconds the 99.99th percentile of the last probe window
 * @param interruptsPerSecond interrupts per second over the last window
 * @param windowEndTime when the last probe window ended
 * @param quarantined whether the CPU is above the profile's quarantine threshold
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CpuHealth(
    @JsonPropertyDescription("Logical CPU id.") @Required @Min(0) @Max(CpuLists.MAX_CPU_ID)
        Integer cpu,
    @JsonPropertyDescription("Longest interruption seen in the last probe window, nanoseconds.")
        Long jitterMaxNanoseconds,
    @JsonPropertyDescription(
            "99.99th percentile of loop gaps in the last probe window, nanoseconds.")
        Long jitterP9999Nanoseconds,
    @JsonPropertyDescription("Interrupts per second on the CPU over the last window.")
        Double interruptsPerSecond,
    @JsonPropertyDescription("When the last probe window ended, RFC 3339.") @Size(max = 64)
        String windowEndTime,
    @JsonPropertyDescription("True when jitter is above the profile's quarantine threshold.")
        Boolean quarantined) {}
