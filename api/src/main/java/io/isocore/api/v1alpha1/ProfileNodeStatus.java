package io.isocore.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/**
 * One matched node, as the profile sees it.
 *
 * @param node the node name
 * @param isolatedCpus the CPUs isocore hands out there
 * @param recommendedKernelCmdline boot parameters that realise the profile
 * @param findings what differs from the profile, each with its fix
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProfileNodeStatus(
    @JsonPropertyDescription("Node name.") @Required @Size(max = 253) String node,
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
        List<String> findings) {}
