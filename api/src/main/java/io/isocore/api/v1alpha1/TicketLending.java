package io.isocore.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/**
 * Who lends tickets to whom on the node, as the agent applies it: on the lender's allocation the
 * pod it lends to, on the receiver's the pods that lend to it.
 *
 * @param lentTo the pod this pod lends its tickets to, namespace/name, when the loan applies here
 * @param lent the tickets lent
 * @param receivedFrom pods of this node lending to this one, each as namespace/name=tickets
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TicketLending(
    @JsonPropertyDescription(
            "The pod this pod lends its tickets to (namespace/name), when the target holds cores on"
                + " this node, so the loan applies.")
        @Size(max = 317)
        String lentTo,
    @JsonPropertyDescription("Tickets lent to lentTo.") Integer lent,
    @JsonPropertyDescription(
            "Pods on this node lending tickets to this one, each as namespace/name=tickets.")
        @Size(max = 64)
        List<String> receivedFrom) {}
