package io.isocore.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/**
 * A network interface backed by a device.
 *
 * @param name the interface name
 * @param pciAddress its PCI address, if any
 * @param numaNode its NUMA node, or -1 where the firmware does not say
 * @param irqs its IRQs
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NicInfo(
    @JsonPropertyDescription("Interface name, such as ens1f0.") @Required @Size(max = 15)
        String name,
    @JsonPropertyDescription("PCI address, such as 0000:3b:00.0.") @Size(max = 32)
        String pciAddress,
    @JsonPropertyDescription("NUMA node of the device; -1 where the firmware does not say.")
        Integer numaNode,
    @JsonPropertyDescription("IRQ numbers of the device (MSI-X vectors).") List<Integer> irqs) {}
