package io.isocore.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/**
 * The kernel's CPU isolation.
 *
 * @param isolated /sys/devices/system/cpu/isolated
 * @param isolcpusFlags the isolcpus= flags (domain, nohz, managed_irq)
 * @param nohzFull nohz_full CPUs
 * @param rcuNocbs rcu_nocbs CPUs
 * @param irqAffinity the irqaffinity= boot parameter
 * @param defaultIrqAffinity /proc/irq/default_smp_affinity
 * @param managedIrqs IRQs the kernel manages (they cannot be moved)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KernelIsolation(
    @JsonPropertyDescription("CPUs isolated from the scheduler (/sys/devices/system/cpu/isolated).")
        @Pattern(CpuLists.MAYBE_EMPTY)
        @Size(max = CpuLists.MAX_LENGTH)
        String isolated,
    @JsonPropertyDescription(
            "Flags of isolcpus= on the kernel command line: domain, nohz, managed_irq.")
        List<String> isolcpusFlags,
    @JsonPropertyDescription("CPUs in adaptive-tick mode (nohz_full).")
        @Pattern(CpuLists.MAYBE_EMPTY)
        @Size(max = CpuLists.MAX_LENGTH)
        String nohzFull,
    @JsonPropertyDescription("CPUs whose RCU callbacks are offloaded (rcu_nocbs).")
        @Pattern(CpuLists.MAYBE_EMPTY)
        @Size(max = CpuLists.MAX_LENGTH)
        String rcuNocbs,
    @JsonPropertyDescription("CPUs of the irqaffinity= boot parameter.")
        @Pattern(CpuLists.MAYBE_EMPTY)
        @Size(max = CpuLists.MAX_LENGTH)
        String irqAffinity,
    @JsonPropertyDescription("Default affinity of new IRQs (/proc/irq/default_smp_affinity).")
        @Pattern(CpuLists.MAYBE_EMPTY)
        @Size(max = CpuLists.MAX_LENGTH)
        String defaultIrqAffinity,
    @JsonPropertyDescription("IRQs the kernel manages; their affinity cannot be changed.")
        List<Integer> managedIrqs) {}
