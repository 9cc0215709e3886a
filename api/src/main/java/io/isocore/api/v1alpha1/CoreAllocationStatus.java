package io.isocore.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/**
 * What the node agent did and verified.
 *
 * @param phase Pending, Applied, Failed or Released
 * @param message why, for Failed
 * @param observedGeneration the spec generation this status reflects
 * @param containers what was read back per container
 * @param lastVerifiedTime when the agent last verified it
 * @param conditions Applied, Drifted
 * @param tickets who lends tickets to whom, as applied on the node
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CoreAllocationStatus(
    @JsonPropertyDescription(
            "Pending: not yet enforced. Applied: enforced and verified. Failed: see message."
                + " Released: the pod is gone and its CPUs are back in the pool. Rejected: not"
                + " enforced, its CPUs overlap an earlier allocation's on the node (see message).")
        Phase phase,
    @JsonPropertyDescription(
            "What went wrong, for Failed; the conflict, for Rejected; what was verified, for"
                + " Applied.")
        @Size(max = 4096)
        String message,
    @JsonPropertyDescription("The metadata.generation this status reflects.")
        Long observedGeneration,
    @JsonPropertyDescription("What the agent read back from the kernel per container.")
        List<ContainerVerification> containers,
    @JsonPropertyDescription("When the agent last verified the allocation, RFC 3339.")
        @Size(max = 64)
        String lastVerifiedTime,
    @JsonPropertyDescription(
            "Applied; Drifted when the agent repaired a cpuset rewritten by others.")
        @SchemaFrom(type = ConditionSchema[].class)
        List<Condition> conditions,
    @JsonPropertyDescription(
            "Ticket loans as applied on the node: whom this pod lends to, who lends to it.")
        TicketLending tickets) {

  /** A status without ticket loans. */
  public CoreAllocationStatus(
      Phase phase,
      String message,
      Long observedGeneration,
      List<ContainerVerification> containers,
      String lastVerifiedTime,
      List<Condition> conditions) {
    this(phase, message, observedGeneration, containers, lastVerifiedTime, conditions, null);
  }

  /** This status with {@code lending} (null: none). */
  public CoreAllocationStatus withTickets(TicketLending lending) {
    return new CoreAllocationStatus(
        phase, message, observedGeneration, containers, lastVerifiedTime, conditions, lending);
  }

  /** The allocation's lifecycle. */
  public enum Phase {
    /** Written by the operator, not yet enforced. */
    Pending,
    /** Enforced and verified on the node. */
    Applied,
    /** Could not be enforced; see message. */
    Failed,
    /** The pod is gone; the CPUs are free. */
    Released,
    /**
     * Not enforced: its CPUs overlap CPUs an earlier allocation on the node holds (see message).
     * The operator frees it and places the pod again.
     */
    Rejected
  }
}
