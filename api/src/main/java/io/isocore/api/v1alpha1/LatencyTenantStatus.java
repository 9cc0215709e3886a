package io.isocore.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/**
 * How the tenant fares.
 *
 * @param observedGeneration the spec generation this status reflects
 * @param effectiveTickets tickets after inflation
 * @param inflationActive whether an inflation window applies now
 * @param entitledCores the tenant's share of the isolated cores among active tenants
 * @param allocatedCores isolated cores held by the tenant's pods
 * @param pendingPods the tenant's latency pods not yet placed
 * @param pass the stride scheduler's pass value
 * @param shareErrorCores admitted minus owed cores over the last 10, 100 and 1,000 admissions
 * @param conditions Ready, or why the tenant is invalid
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LatencyTenantStatus(
    @JsonPropertyDescription("The metadata.generation this status reflects.")
        Long observedGeneration,
    @JsonPropertyDescription("Tickets after inflation, as used for admission.")
        Long effectiveTickets,
    @JsonPropertyDescription("True while an allowed inflation window applies.")
        Boolean inflationActive,
    @JsonPropertyDescription(
            "The tenant's share of the cluster's isolated cores among the tenants with pods.")
        Double entitledCores,
    @JsonPropertyDescription("Isolated cores held by the tenant's pods now.")
        Integer allocatedCores,
    @JsonPropertyDescription("The tenant's latency pods waiting for placement.")
        Integer pendingPods,
    @JsonPropertyDescription(
            "Stride scheduler pass: the lowest pass with a fitting pod goes next. Written with"
                + " the other figures at most every 5 s (a Ready change goes at once); a new"
                + " leader restores it from here.")
        Long pass,
    @JsonPropertyDescription(
            "Admitted minus owed cores (by tickets, among the tenants waiting at each admission)"
                + " over the last 10, 100 and 1,000 admissions.")
        ShareErrorCores shareErrorCores,
    @JsonPropertyDescription("Ready, or why the tenant is not usable.")
        @SchemaFrom(type = ConditionSchema[].class)
        List<Condition> conditions) {}
