package io.isocore.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

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
    @JsonPropertyDescription("Aspect the condition describes, such as Ready or Degraded.")
        @Required
        @Size(max = 316)
        @Pattern(TYPE_PATTERN)
        String type,
    @JsonPropertyDescription("True, False or Unknown.") @Required ConditionStatus status,
    @JsonPropertyDescription("PascalCase reason for the condition's last transition.")
        @Required
        @Size(min = 1, max = 1024)
        @Pattern(REASON_PATTERN)
        String reason,
    @JsonPropertyDescription("Human-readable details: what is wrong and what to do.")
        @Required
        @Size(max = 32768)
        String message,
    @JsonPropertyDescription("The metadata.generation the condition was computed from.") @Min(0)
        Long observedGeneration,
    @JsonPropertyDescription("When the status last changed, RFC 3339.") @Required @Size(max = 64)
        String lastTransitionTime) {

  /** metav1.Condition's pattern for {@code type}: an optional DNS prefix and a name. */
  public static final String TYPE_PATTERN =
      "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
          + "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$";

  /** metav1.Condition's pattern for {@code reason}. */
  public static final String REASON_PATTERN = "^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$";

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
