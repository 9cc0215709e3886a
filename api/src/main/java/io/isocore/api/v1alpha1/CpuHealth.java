package io.isocore.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/**
 * One CPU's last jitter window and interrupt rate.
 *
 * @param cpu the CPU id
 * @param jitterMaxNanoseconds the longest interruption in the last probe window
 * @param jitterP9999Nanoseconds the 99.99th percentile of the last probe window
 * @param interruptsPerSecond interrupts per second over the last window
 * @param windowEndTime when the last probe window ended
 * @param quarantined whether the CPU is above the profile's quarantine threshold
 * @param topNoiseSources the CPU's top three noise sources over the last attribution window,
 *     largest share first; absent when no attribution ran
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
        Boolean quarantined,
    @JsonPropertyDescription(
            "The CPU's top three noise sources over the last attribution window, largest share"
                + " first (docs/noise.md).")
        @Size(max = 3)
        List<NoiseSourceShare> topNoiseSources) {

  /** Health without noise attribution (the probe's figures only). */
  public CpuHealth(
      Integer cpu,
      Long jitterMaxNanoseconds,
      Long jitterP9999Nanoseconds,
      Double interruptsPerSecond,
      String windowEndTime,
      Boolean quarantined) {
    this(
        cpu,
        jitterMaxNanoseconds,
        jitterP9999Nanoseconds,
        interruptsPerSecond,
        windowEndTime,
        quarantined,
        null);
  }

  /** Returns this health with {@code sources} as its top noise sources. */
  public CpuHealth withTopNoiseSources(List<NoiseSourceShare> sources) {
    return new CpuHealth(
        cpu,
        jitterMaxNanoseconds,
        jitterP9999Nanoseconds,
        interruptsPerSecond,
        windowEndTime,
        quarantined,
        sources);
  }
}
