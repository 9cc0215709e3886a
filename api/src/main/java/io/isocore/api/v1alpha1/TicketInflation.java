package io.isocore.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * Extra tickets inside a time window.
 *
 * @param factor the multiplier applied to tickets inside the window
 * @param start when the window opens (RFC 3339)
 * @param end when it closes (RFC 3339)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "timestamp(self.end) > timestamp(self.start)",
    message = "inflation.end must be after inflation.start")
public record TicketInflation(
    @JsonPropertyDescription("Multiplier on tickets inside the window, e.g. 2 doubles them.")
        @Required
        @Min(1)
        @Max(100)
        Double factor,
    @JsonPropertyDescription("When the window opens, RFC 3339 (2026-11-24T13:30:00Z).")
        @Required
        @io.fabric8.generator.annotation.Pattern(TicketInflation.RFC3339)
        @Size(max = 64)
        String start,
    @JsonPropertyDescription("When the window closes, RFC 3339; after start.")
        @Required
        @io.fabric8.generator.annotation.Pattern(TicketInflation.RFC3339)
        @Size(max = 64)
        String end) {

  /**
   * An RFC 3339 timestamp with a real month (01-12), day (01-31), hour (00-23), minute and second
   * (00-59, 60 for a leap second), so CEL's {@code timestamp()} in the window rule does not fail at
   * run time on a value the schema let through (day 31 of a 30-day month still gets through).
   */
  public static final String RFC3339 =
      "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)"
          + "(\\.[0-9]+)?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$";
}
