package io.isocore.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * How idle isolated CPUs are probed for jitter.
 *
 * @param enabled whether to probe
 * @param intervalSeconds time between windows on one CPU
 * @param durationSeconds length of one window
 * @param thresholdNanoseconds gaps at or above this are counted
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "!has(self.durationSeconds) || !has(self.intervalSeconds) || self.durationSeconds < self.intervalSeconds",
    message = "jitterProbe.durationSeconds must be shorter than intervalSeconds")
public record JitterProbeSpec(
    @JsonPropertyDescription("Probe idle isolated CPUs. Never runs on a CPU a pod holds.")
        @Default("true")
        Boolean enabled,
    @JsonPropertyDescription("Seconds between probe windows on one CPU.")
        @Default("300")
        @Min(10)
        @Max(86400)
        Integer intervalSeconds,
    @JsonPropertyDescription("Length of one probe window, in seconds.")
        @Default("10")
        @Min(1)
        @Max(600)
        Integer durationSeconds,
    @JsonPropertyDescription("Loop gaps at or above this many nanoseconds are counted as jitter.")
        @Default("1000")
        @Min(100)
        @Max(10000000)
        Long thresholdNanoseconds) {}
