package io.isocore.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * How far a tenant's admitted cores are from its ticket share over the last admissions: cores
 * admitted minus cores owed by its tickets among the tenants waiting at each admission. Positive:
 * ahead of its share; negative: behind.
 *
 * @param last10 over the last 10 admissions
 * @param last100 over the last 100 admissions
 * @param last1000 over the last 1,000 admissions
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShareErrorCores(
    @JsonPropertyDescription(
            "Admitted minus owed cores over the last 10 admissions in the cluster.")
        Double last10,
    @JsonPropertyDescription(
            "Admitted minus owed cores over the last 100 admissions in the cluster.")
        Double last100,
    @JsonPropertyDescription(
            "Admitted minus owed cores over the last 1,000 admissions in the cluster.")
        Double last1000) {}
