package io.isocore.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * One source of a CPU's noise and its share over the last attribution window.
 *
 * @param name the source: an interrupt row ({@code LOC}, {@code 36:virtio1-req.0}), a softirq class
 *     ({@code RCU}), a thread's command name, {@code steal} or {@code other}
 * @param kind {@code irq}, {@code softirq}, {@code thread}, {@code steal}, {@code hardware} or
 *     {@code other}
 * @param share the source's fraction of the CPU's attributed noise, 0 to 1
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NoiseSourceShare(
    @JsonPropertyDescription(
            "Source: interrupt row (LOC, 36:virtio1-req.0), softirq class (RCU), thread name,"
                + " steal or other.")
        @Required
        @Size(max = 64)
        String name,
    @JsonPropertyDescription("irq, softirq, thread, steal, hardware or other.")
        @Required
        @Size(max = 16)
        String kind,
    @JsonPropertyDescription(
            "Fraction of the CPU's attributed noise, 0 to 1 (a correlation where the kernel"
                + " offers no exact attribution).")
        @Min(0)
        @Max(1)
        Double share) {}
