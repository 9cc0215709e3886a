package io.isocore.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * Tickets lent to another pod on the same node.
 *
 * @param namespace the receiving pod's namespace
 * @param podName the receiving pod's name
 * @param tickets the tickets lent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TicketTransfer(
    @JsonPropertyDescription("Namespace of the receiving pod.") @Required @Size(max = 63)
        String namespace,
    @JsonPropertyDescription("Name of the receiving pod.") @Required @Size(max = 253)
        String podName,
    @JsonPropertyDescription("Tickets lent; they raise the receiver's CPU weight.")
        @Required
        @Min(1)
        Integer tickets) {}
