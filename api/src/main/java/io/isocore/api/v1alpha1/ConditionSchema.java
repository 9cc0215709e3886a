package io.isocore.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/**
 * The schema of a status condition, as Kubernetes' {@code metav1.Condition} defines it. The status
 * types carry Kubernetes' own condition type, {@link io.fabric8.kubernetes.api.model.Condition};
 * this record only gives the generated CRD its schema ({@code @SchemaFrom}), with descriptions and
 * required fields. Never instantiated.
 *
 * @param type the aspect it describes, PascalCase ({@code Ready}, {@code Degraded})
 * @param status {@code True}, {@code False} or {@code Unknown}
 * @param reason a PascalCase reason a program can switch on
 * @param message what a human needs to act
 * @param observedGeneration the generation of the spec the condition was computed from
 * @param lastTransitionTime when {@code status} last changed (RFC 3339)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConditionSchema(
    @JsonPropertyDescription("Aspect the condition describes, such as Ready or Degraded.") @Required
        String type,
    @JsonPropertyDescription("True, False or Unknown.") @Required ConditionStatus status,
    @JsonPropertyDescription("PascalCase reason for the condition's last transition.")
        String reason,
    @JsonPropertyDescription("Human-readable details: what is wrong and what to do.")
        String message,
    @JsonPropertyDescription("The metadata.generation the condition was computed from.")
        Long observedGeneration,
    @JsonPropertyDescription("When the status last changed, RFC 3339.") String lastTransitionTime) {

  /** The three values of a condition's status. */
  public enum ConditionStatus {
    /** The condition holds. */
    True,
    /** The condition does not hold. */
    False,
    /** It cannot be told. */
    Unknown
  }
}
