package io.isocore.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * Where isolated CPUs come from.
 *
 * @param source Kernel (what the kernel isolates) or Explicit
 * @param cpus the explicit list, with source Explicit
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self.source != 'Explicit' || has(self.cpus)",
    message = "isolatedCpus.cpus is required when source is Explicit")
@ValidationRule(
    value = "self.source == 'Explicit' || !has(self.cpus)",
    message = "isolatedCpus.cpus is only allowed when source is Explicit")
public record IsolatedCpus(
    @JsonPropertyDescription(
            "Kernel: the CPUs the kernel isolates (isolcpus / nohz_full, read by the agent)."
                + " Explicit: the list in cpus.")
        @Default("Kernel")
        Source source,
    @JsonPropertyDescription("Isolated CPUs, Linux list format; only with source Explicit.")
        @Pattern(CpuLists.NON_EMPTY)
        @Size(max = CpuLists.MAX_LENGTH)
        String cpus) {

  /** Where isolated CPUs come from. */
  public enum Source {
    /** What the kernel isolates. */
    Kernel,
    /** The explicit list. */
    Explicit
  }
}
