package io.isocore.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/**
 * What the IsolationProfile that selects this node means here, as the node's agent computes it: the
 * CPUs isocore hands out, the kernel command line that realises the profile and what differs from
 * it. Per-node detail lives here, on the per-node object, so no IsolationProfile grows with the
 * number of nodes it selects.
 *
 * @param name the IsolationProfile
 * @param isolatedCpus the CPUs isocore hands out here
 * @param recommendedKernelCmdline boot parameters that realise the profile here
 * @param findings what differs from the profile, each with its fix
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeProfileStatus(
    @JsonPropertyDescription("The IsolationProfile that selects this node.") @Size(max = 253)
        String name,
    @JsonPropertyDescription("The CPUs isocore hands out on this node, Linux list format.")
        @Pattern(CpuLists.MAYBE_EMPTY)
        @Size(max = CpuLists.MAX_LENGTH)
        String isolatedCpus,
    @JsonPropertyDescription(
            "Kernel boot parameters that realise the profile on this node, such as"
                + " isolcpus=managed_irq,domain,2-15 nohz_full=2-15 rcu_nocbs=2-15 irqaffinity=0-1.")
        @Size(max = 4096)
        String recommendedKernelCmdline,
    @JsonPropertyDescription("What differs from the profile on this node, each with its fix.")
        @Size(max = 32)
        List<String> findings) {}
